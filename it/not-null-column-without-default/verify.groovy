def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.findings.any { it.rule == 'not-null-column-added' && it.object.table == 'orders' }
assert log.contains('sql/queries.sql:2')
return true
