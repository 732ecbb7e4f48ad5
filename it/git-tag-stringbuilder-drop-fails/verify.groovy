def log = new File(basedir, 'build.log').text
assert log.contains('v1.0.0') : 'the tag used must be logged'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
def f = report.findings.find { it.rule == 'column-dropped' && it.object.column == 'legacy_status' }
assert f != null : 'the tagged sources build a SELECT of legacy_status over several appends'
def q = f.queries.find { it.source.contains('src/main/java/com/acme/shop/OrderDao.java:8') }
assert q != null : "query location (source file and the line of the first append): ${f.queries*.source}"
assert q.source.contains('com.acme.shop.OrderDao#search')
assert q.sql.startsWith('SELECT id, customer_id, legacy_status FROM orders WHERE 1 = 1') : q.sql
assert q.sql.contains('AND customer_id = ?') && q.sql.contains('AND total > 0') : q.sql
return true
