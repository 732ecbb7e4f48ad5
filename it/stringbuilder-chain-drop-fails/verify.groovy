// release 1.0.0's DAO assembles "SELECT id, customer_id, legacy_status FROM orders WHERE 1 = 1 ..." over several
// StringBuilder appends and two ifs; read from its bytecode, the statement must come out whole and break
def log = new File(basedir, 'build.log').text
assert log.contains('column-dropped') : 'rule id missing from the console'
assert log.contains('orders.legacy_status') : 'object missing'
assert log.contains('OrderDao') : 'the query location (the DAO) missing from the console'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
assert report.baseline.version == '1.0.0'
def finding = report.findings.find { it.rule == 'column-dropped' && it.object.column == 'legacy_status' }
assert finding != null : 'the statement built over several appends still reads legacy_status'
assert finding.severity == 'BREAKING'
// the ways through the two ifs may come as variants of the statement, all at the line of the first append
def qs = finding.queries.findAll { it.source.contains('com/acme/shop/OrderDao.class:8') }
assert !qs.isEmpty() : "query location (class file and the line of the first append): ${finding.queries*.source}"
assert qs.every { it.source.contains('com.acme.shop.OrderDao#search') }
// whole: every append is there, including the ones after the first and inside the ifs
assert qs.every { it.sql.startsWith('SELECT id, customer_id, legacy_status FROM orders WHERE 1 = 1') } : qs*.sql
assert qs.any { it.sql.contains('AND customer_id = ?') && it.sql.contains('AND total > 0') } : qs*.sql
// nothing about columns the previous release's statement does not read
assert !report.findings.any { it.object?.column == 'total' }
return true
