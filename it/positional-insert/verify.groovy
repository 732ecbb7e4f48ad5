def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
def findings = report.findings.findAll { it.rule == 'positional-insert-broken' }
assert findings.size() == 1 : "one positional-insert-broken finding: ${report.findings*.rule}"
def f = findings[0]
assert f.severity == 'BREAKING'
assert f.changeSet.id == '2' && f.changeSet.line == 17 && f.changeSet.file == 'db/changelog/db.changelog-master.xml'
assert f.object.type == 'column' && f.object.table == 'orders' && f.object.column == 'order_state_v2' : "object ${f.object}"
assert f.queries.size() == 1
assert f.queries[0].sql == 'INSERT INTO orders VALUES (?, ?, ?, ?)'
assert f.queries[0].source == 'sql/queries.sql:2'
assert report.verdict == 'FAIL'
return true
