def log = new File(basedir, 'build.log').text
assert log.contains('v1.0.0') : 'the tag used must be logged'
assert log =~ /Queries of v1\.0\.0 are read from 4 modules/ : 'the other modules of the build at the tag are read'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/migrations/target/rollback-safety/report.json'))

def f = report.findings.find { it.rule == 'column-dropped' && it.object.table == 'account' && it.object.column == 'scope_id' }
assert f != null : 'scope_id is read by the service module through an attribute inherited from the core module'
assert f.severity == 'BREAKING'
def jpql = f.queries.find { it.sql.contains('a.scopeId') }
assert jpql != null : "the finding names the JPQL of the service module: ${f.queries}"
assert jpql.source.contains('service/src/main/java/com/acme/service/Account.java') : jpql.source
assert f.queries.any { it.sql.contains('mapping of com.acme.service.Account') } : 'and the entity mapping'
// nothing of the service module's JPQL is left not understood
assert !(log =~ /unknown attribute/)
return true
