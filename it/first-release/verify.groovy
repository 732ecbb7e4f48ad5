
def log = new File(basedir, 'build.log').text
assert log.contains('first release') : 'first release info line missing'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.containsKey('baseline') && report.baseline == null : "a first release has no baseline: ${report.baseline}"
assert report.verdict == 'PASS'
assert report.findings == []
assert report.summary.breaking == 0 && report.summary.risky == 0
return true
