
def log = new File(basedir, 'build.log').text
assert log.contains('v1.1.0') && log.contains('v1.0.0') : 'both releases of the window must be checked'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))
def f = report.findings.find { it.rule == 'column-dropped' && it.object.column == 'legacy_status' }
assert f != null : 'the release before last still selects legacy_status'
assert f.releases == ['1.0.0'] : "the finding must name the release it breaks, not ${f.releases}"
return true
