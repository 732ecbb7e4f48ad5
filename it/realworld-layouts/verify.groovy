def slurp = { new groovy.json.JsonSlurper().parse(new File(basedir, "repo/target/rollback-safety/${it}/report.json")) }
def tenant = slurp('tenant-master')
def store = slurp('store-master')
assert tenant.verdict == 'FAIL' && tenant.summary.newChangeSets == 1
assert tenant.findings.any { it.rule == 'column-dropped' && it.object.column == 'legacy_plan' }
assert store.verdict == 'PASS' && store.summary.newChangeSets == 1 && store.findings.isEmpty()
return true
