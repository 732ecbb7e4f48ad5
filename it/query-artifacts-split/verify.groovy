
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.findings.any { it.rule == 'column-dropped' && it.object.column == 'legacy_status' } : 'queries of the app module must count'
return true
