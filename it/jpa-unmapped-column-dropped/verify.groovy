def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))

assert report.verdict == 'PASS'
assert report.findings.isEmpty()
assert report.coverage.sources.any { it.kind == 'JPA_MAPPING' && it.found >= 1 }
return true
