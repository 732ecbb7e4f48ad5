def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
def upserts = report.findings.findAll { it.rule == 'upsert-key-dropped' }
assert upserts.size() == 1 : "upsert-key-dropped findings: ${upserts*.changeSet}"
assert upserts[0].severity == 'BREAKING' && upserts[0].changeSet.id == '3' && upserts[0].object.table == 'stock'
assert upserts[0].queries.size() == 1 && upserts[0].queries[0].source.startsWith('sql/queries.sql')
assert report.verdict == 'FAIL'
assert !report.findings.any { it.changeSet.id == '2' } : 'dropping a plain index breaks nothing'
return true
