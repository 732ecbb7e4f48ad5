
def log = new File(basedir, 'build.log').text
def report = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, "next/${name}/target/rollback-safety/report.json")) }

// one server for the whole parallel reactor
assert log.count('Embedded PostgreSQL started') == 1 : 'PostgreSQL should start exactly once'

// seed: the static check and the database agree
def seed = report('seed')
assert seed.verdict == 'FAIL'
assert seed.findings*.rule.containsAll(['column-dropped', 'query-fails-on-new-schema'])
def dynamic = seed.findings.find { it.rule == 'query-fails-on-new-schema' }
assert dynamic.changeSet.id == '2' && dynamic.changeSet.line > 0
assert dynamic.message.contains('42703') && dynamic.message.contains('legacy_status')
assert dynamic.queries.any { it.source.startsWith('sql/queries.sql:2') }
assert seed.database.database.contains('postgresql')
def selectVerdict = seed.database.queries.find { it.source.startsWith('sql/queries.sql:2') }
assert selectVerdict.static == 'FLAGGED' && selectVerdict.dynamic == 'BROKEN'
assert seed.database.summary.disagreements == 0

// view: the drop cannot even be applied
def view = report('view')
assert view.verdict == 'FAIL'
def failed = view.findings.find { it.rule == 'migration-fails' }
assert failed != null : 'migration-fails expected'
assert failed.changeSet.id == '2' && failed.changeSet.line > 0
assert failed.message.contains('2BP01') && failed.message.contains('order_status')

// dialect: only the database can read the query, and it is broken
def dialect = report('dialect')
assert dialect.verdict == 'FAIL'
assert !dialect.findings*.rule.contains('column-dropped') : 'the static check cannot see this query'
assert dialect.findings*.rule.contains('query-fails-on-new-schema')
def update = dialect.database.queries.find { it.source.startsWith('sql/queries.sql:2') }
assert update.static == 'NOT_UNDERSTOOD' && update.dynamic == 'BROKEN' && update.disagreement != null
assert dialect.database.summary.verifiedOnlyDynamically >= 1
assert new File(basedir, 'next/dialect/target/rollback-safety/report.md').text.contains('disagreement')

// untyped: inconclusive, never broken; the module passes
def untyped = report('untyped')
assert untyped.verdict == 'PASS'
def optional = untyped.database.queries.find { it.source.startsWith('sql/queries.sql:2') }
assert optional.dynamic == 'INCONCLUSIVE' && optional.sqlState in ['42P18', '42725']
assert untyped.findings.isEmpty()

// nothing left in the working directories by Liquibase's update
assert !new File(basedir, 'next/databasechangelog.csv').exists()
assert !new File(basedir, 'databasechangelog.csv').exists()
return true
