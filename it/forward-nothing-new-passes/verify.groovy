def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
assert report.findings.isEmpty() : "findings: ${report.findings*.rule}"
assert report.summary.newChangeSets == 1
// the forward direction was checked, and saw the current release's queries
assert report.forwardCoverage != null
assert report.forwardCoverage.found == 2 && report.forwardCoverage.parsed == 2
def log = new File(basedir, 'build.log').text
assert log.contains('Forward check (new app + old schema): 2 current-release queries found')
return true
