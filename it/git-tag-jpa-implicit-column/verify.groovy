def log = new File(basedir, 'build.log').text
assert log.contains('v1.0.0') : 'the tag used must be logged'
assert log.contains('column-dropped') && log.contains('orders.legacy_status') : 'the failure must name the dropped column'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))

def f = report.findings.find { it.rule == 'column-dropped' && it.object.column == 'legacy_status' }
assert f != null : 'the tagged sources map legacyStatus to legacy_status without @Column'
assert f.queries.any { it.source.contains('PurchaseOrder') } : 'the finding names the entity of the tagged sources'
return true
