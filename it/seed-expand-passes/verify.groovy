
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
assert report.summary.newChangeSets == 1
assert report.summary.breaking == 0
assert report.summary.queries >= 2
def log = new File(basedir, 'build.log').text
assert log.contains('nothing changed since the last check') : 'an unchanged second build must be a cached no-op'
return true
