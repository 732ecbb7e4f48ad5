def log = new File(basedir, 'build.log').text
assert log.contains('src/main/resources/data/reference.csv: content missing from the git repository')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))
assert report.summary.newChangeSets == 1
assert report.findings.any { it.rule == 'column-dropped' && it.object.column == 'legacy_code' }
return true
