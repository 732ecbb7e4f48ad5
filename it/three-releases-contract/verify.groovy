
def log = new File(basedir, 'build.log').text
assert log.contains('1.1.0') : 'baseline 1.1.0 should be logged'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
assert report.baseline.version == '1.1.0'
assert report.summary.newChangeSets == 1
return true
