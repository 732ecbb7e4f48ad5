
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
assert report.summary.newChangeSets == 1
assert report.summary.breaking == 0
assert report.summary.queries >= 2
return true
