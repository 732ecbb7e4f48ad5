def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
assert report.summary.newChangeSets == 0 : 'a moved changeset is not new'
assert !report.findings.any { it.rule == 'released-changeset-removed' }
return true
