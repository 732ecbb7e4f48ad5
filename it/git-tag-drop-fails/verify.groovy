def log = new File(basedir, 'build.log').text
assert log.contains('v1.0.0') : 'the tag used must be logged'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))

def f = report.findings.find { it.rule == 'column-dropped' && it.object.column == 'legacy_status' }
assert f != null : 'the tagged sources still select legacy_status'
assert f.queries.any { it.source.contains('OrderDao') }
return true
