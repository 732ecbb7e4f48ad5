def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
// the new file reusing id 1 and the mysql twin: nothing else is new, nothing released is modified
assert report.summary.newChangeSets == 2
assert !report.findings.any { it.rule == 'released-changeset-modified' || it.rule == 'released-changeset-removed' } : report.findings*.rule
def dropped = report.findings.findAll { it.rule == 'column-dropped' }
assert dropped.size() == 1 && dropped[0].object.column == 'legacy_code' && dropped[0].changeSet.id == '2'
assert dropped[0].changeSet.line == 15 : "the mysql twin, not the postgresql one: line ${dropped[0].changeSet.line}"
return true
