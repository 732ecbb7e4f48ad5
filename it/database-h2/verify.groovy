
def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
assert report.findings*.rule.containsAll(['column-dropped', 'query-fails-on-new-schema'])
def dynamic = report.findings.find { it.rule == 'query-fails-on-new-schema' }
assert dynamic.message.contains('42S22')
assert report.database.database.contains('h2')
def upsert = report.database.queries.find { it.sql.contains('ON CONFLICT') }
assert upsert.dynamic != 'BROKEN'
assert !log.contains('Embedded PostgreSQL started')
return true
