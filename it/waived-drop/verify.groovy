
def log = new File(basedir, 'build.log').text
assert log.contains('Unused waiver') && log.contains('customers') : 'unused waiver must be warned'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
def finding = report.findings.find { it.rule == 'column-dropped' }
assert finding.waived == true
assert finding.waiverReason.contains('feature flag')
assert report.summary.waived == 1
return true
