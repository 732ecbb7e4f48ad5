def slurper = new groovy.json.JsonSlurper()

// next-other-schema: the archive's columns are not the live orders' columns
def other = slurper.parse(new File(basedir, 'next-other-schema/target/rollback-safety/report.json'))
assert other.verdict == 'PASS' : "dropping archive.orders columns must not fail app.orders queries: ${other.findings}"
assert other.findings.findAll { it.severity == 'BREAKING' }.isEmpty()
assert other.summary.newChangeSets == 2
// the unqualified query could be either table: no break on a guess, and a note that says so
def otherMd = new File(basedir, 'next-other-schema/target/rollback-safety/report.md').text
assert otherMd.contains('defaultSchema') : 'the note about the ambiguous unqualified name is missing'

// next-queried-schema (defaultSchema app): both drops break a query of the previous release
def same = slurper.parse(new File(basedir, 'next-queried-schema/target/rollback-safety/report.json'))
assert same.verdict == 'FAIL'
def dropped = same.findings.findAll { it.rule == 'column-dropped' }
assert dropped.collect { it.object.column }.sort() == ['note', 'total'] : "findings: ${same.findings}"
assert dropped.find { it.object.column == 'note' }.queries.any { it.source.startsWith('sql/queries.sql:2') }
assert dropped.find { it.object.column == 'total' }.queries.any { it.source.startsWith('sql/queries.sql:5') }
assert dropped.every { it.changeSet.id in ['3', '4'] }
return true
