def slurp = { new groovy.json.JsonSlurper().parse(new File(basedir, "target/rollback-safety/${it}/report.json")) }
def main = slurp('org-flowable-cmmn-db-liquibase-flowable-cmmn-db-changelog')
def crdb = slurp('org-flowable-cmmn-db-liquibase-flowable-cmmn-db-changelog-crdb')
// 6.7.2 adds changesets 13 and 14 (new nullable columns LAST_UNAVAILABLE_TIME_, LAST_REACTIVATION_*); the
// CockroachDB master also gets 15 (mariadb only) and 16 (BUSINESS_STATUS_), read from 6.7.2's changelog files
assert main.baseline.version == '6.7.0'
assert main.summary.newChangeSets == 2
assert crdb.summary.newChangeSets == 4
// only additions: nothing 6.7.0's MyBatis mappers use is dropped, renamed or narrowed
for (r in [main, crdb]) {
    assert r.verdict == 'PASS'
    assert r.summary.breaking == 0 : r.findings*.rule
    assert !r.findings.any { it.rule.startsWith('released-changeset') }
    assert r.summary.queries > 100 : 'the mappers of 6.7.0 are read'
}
return true
