
def log = new File(basedir, 'build.log').text
assert log.contains('column-dropped') && log.contains('orders.legacy_status')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.findings.any { it.changeSet.file == 'db/changelog/db.changelog-master.yaml' && it.changeSet.line > 0 }
return true
