def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
def findings = report.findings.findAll { it.rule == 'compatibility-view-not-writable' }
assert findings.size() == 2 : "findings: ${report.findings}"

def status = findings.find { it.object.table == 'orders' }
assert status != null && status.object.column == 'status' && status.severity == 'BREAKING'
assert status.changeSet.id == '2'
assert status.message.contains('CASE expression')
assert status.queries*.source == ['sql/queries.sql:4'] : 'only the UPDATE of status breaks; the INSERT and SELECT go through'

def customers = findings.find { it.object.table == 'customers' }
assert customers != null && customers.changeSet.id == '3'
assert customers.message.contains('joins several tables')
assert customers.queries*.source == ['sql/queries.sql:10']

// the views bridge every read: the renames themselves are not reported
assert !report.findings.any { it.rule == 'table-renamed' }
def log = new File(basedir, 'build.log').text
assert log.contains('compatibility-view-not-writable')
return true
