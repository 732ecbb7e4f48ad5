def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
// the view redefined without status: runOnChange runs it again, so it is a change to check
def view = report.findings.find { it.changeSet.id == 'view' }
assert view != null && view.severity == 'BREAKING' : report.findings*.rule
assert report.notes.any { it.contains('app:view') && it.contains('runOnChange') }
// the default of currency matters only to 1.0.0, whose inserts omit the column
def dflt = report.findings.find { it.rule == 'default-dropped' }
assert dflt != null && dflt.releases == ['1.0.0'] : report.findings.collect { [it.rule, it.releases] }
// coverage counts the queries of both releases
assert report.summary.queries == 4
return true
