def slurper = new groovy.json.JsonSlurper()
def backwardOnly = slurper.parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert backwardOnly.verdict == 'PASS'
assert backwardOnly.findings.every { it.direction == 'backward' }
assert backwardOnly.findings*.rule == ['not-null-dropped']
assert backwardOnly.forwardCoverage == null

def report = slurper.parse(new File(basedir, 'next/target/rollback-safety-forward/report.json'))
assert report.verdict == 'FAIL'
def f = report.findings.find { it.rule == 'forward-insert-broken' }
assert f != null : "findings: ${report.findings*.rule}"
assert f.severity == 'BREAKING' && f.direction == 'forward'
assert f.changeSet.id == '2'
assert f.object.table == 'orders' && f.object.column == 'legacy_status'
assert f.message.contains('Makes orders.legacy_status nullable')
assert f.fix.contains('in a release before')
// the insert is the one the JPA mapping of the compiled entity makes: it names exactly the mapped columns
assert f.queries.size() == 1
assert f.queries[0].source.contains('com/acme/shop/Order')
assert !f.queries[0].sql.contains('legacy_status')
assert report.findings.find { it.rule == 'not-null-dropped' }?.direction == 'backward'

def log = new File(basedir, 'build.log').text
assert log.contains('forward-insert-broken orders.legacy_status (new app + old schema)')
def junit = new File(basedir, 'next/target/rollback-safety-forward/report.md').text
assert junit.contains('`forward-insert-broken` (new app + old schema)')
return true
