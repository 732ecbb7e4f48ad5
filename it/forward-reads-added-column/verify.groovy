def slurper = new groovy.json.JsonSlurper()
def report = slurper.parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS' : 'a RISKY forward finding passes with the default failOn'
assert report.findings.size() == 1 : "findings: ${report.findings*.rule}"
def f = report.findings[0]
assert f.rule == 'needs-new-schema' && f.severity == 'RISKY' && f.direction == 'forward'
assert f.changeSet.id == '2'
assert f.object.table == 'orders' && f.object.column == 'discount'
assert f.message.contains('reads orders.discount')
// the query comes from the compiled class in target/classes, not from a previous-release jar
assert f.queries.size() == 1
assert f.queries[0].source.contains('com/acme/shop/OrderDao.class')
assert f.queries[0].sql.contains('discount')
assert report.forwardCoverage.found >= 2
assert report.forwardCoverage.sources.any { it.kind == 'BYTECODE_STRING' }

def risky = slurper.parse(new File(basedir, 'next/target/rollback-safety-risky/report.json'))
assert risky.verdict == 'FAIL'
assert risky.findings*.rule == ['needs-new-schema']
def log = new File(basedir, 'build.log').text
assert log.contains('the new release would break against the schema of 1.0.0')
return true
