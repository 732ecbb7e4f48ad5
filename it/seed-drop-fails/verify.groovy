
def log = new File(basedir, 'build.log').text
assert log.contains('column-dropped') : 'rule id missing from the console'
assert log.contains('orders.legacy_status') : 'object missing'
assert log.contains('shop:2') : 'changeset missing'
assert log.contains('sql/queries.sql:2') : 'query location missing'
assert log.contains('<waiver>') : 'waiver snippet missing'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
assert report.baseline.version == '1.0.0'
def finding = report.findings.find { it.rule == 'column-dropped' }
assert finding != null
assert finding.severity == 'BREAKING'
assert finding.changeSet.id == '2'
assert finding.changeSet.file == 'db/changelog/db.changelog-master.xml'
assert finding.changeSet.line > 0
assert finding.object.table == 'orders' && finding.object.column == 'legacy_status'
assert finding.queries.any { it.source.startsWith('sql/queries.sql:2') }
return true
