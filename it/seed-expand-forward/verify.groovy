def slurper = new groovy.json.JsonSlurper()
def report = slurper.parse(new File(basedir, 'next/target/rollback-safety/report.json'))
// old app + new schema: adding a nullable column is the safe expand step
assert report.findings.findAll { it.direction == 'backward' }.isEmpty()
// new app + old schema: the new code writes order_state_v2, which only changeset shop:2 adds
def forward = report.findings.findAll { it.direction == 'forward' }
assert forward.size() == 1 : "one forward finding expected: ${report.findings*.rule}"
def f = forward[0]
assert f.rule == 'needs-new-schema'
assert f.severity == 'RISKY'
assert f.changeSet.id == '2' && f.changeSet.author == 'shop'
assert f.object.table == 'orders' && f.object.column == 'order_state_v2'
assert f.message.contains('changeset shop:2')
assert f.fix.contains('migration before the new code starts')
assert f.queries.size() == 2
assert f.queries.every { it.source.startsWith('sql/queries.sql:') }
assert report.verdict == 'PASS' : 'RISKY passes with the default failOn'
assert report.forwardCoverage.found == 3
assert report.summary.risky == 1

def risky = slurper.parse(new File(basedir, 'next/target/rollback-safety-risky/report.json'))
assert risky.verdict == 'FAIL'

def log = new File(basedir, 'build.log').text
assert log.contains('needs-new-schema orders.order_state_v2 (new app + old schema)')
assert log.contains('Queries of the current release (new app + old schema): 3 found')
def sarif = slurper.parse(new File(basedir, 'next/target/rollback-safety/report.sarif'))
assert sarif.runs[0].results.any { it.ruleId == 'needs-new-schema' && it.properties.direction == 'forward' }
return true
