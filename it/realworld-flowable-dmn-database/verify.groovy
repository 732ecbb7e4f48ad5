def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/rollback-safety/report.json'))
def log = new File(basedir, 'build.log').text
// 6.8.0 adds one changeset (a nullable column); nothing 6.7.2's mappers use goes away
assert report.baseline.version == '6.7.2'
assert report.summary.newChangeSets == 1
assert report.verdict == 'PASS'
assert report.summary.breaking == 0 : report.findings*.rule

// 6.7.2's changelog declares flowable:2 twice: applied once, as deployed, and said so
assert report.notes.any { it.contains('declared twice, run once') && it.contains('::2::flowable') } : report.notes
assert !report.notes.any { it.contains('not done') } : report.notes

// the database judged the mappers' statements: most describe cleanly, none is broken, and where it could not
// decide it is not a break (tables of other Flowable engines, run-time ${sql} statements)
def db = report.database.summary
assert db.statements >= 40 : db
assert db.ok >= 30 : db
assert db.broken == 0 : db
assert db.disagreements == 0 : db
assert log.contains('Database check on postgresql (embedded) against 6.7.2')
return true
