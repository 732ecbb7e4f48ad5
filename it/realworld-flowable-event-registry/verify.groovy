def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/rollback-safety/report.json'))
// 6.8.0 adds no changeset to the event registry; changeset 3 (released in 6.7.0) is a custom change
assert report.baseline.version == '6.7.2'
assert report.summary.newChangeSets == 0
assert report.verdict == 'PASS' && report.findings.isEmpty() : report.findings*.rule
// its class loads on both sides: from this module's class path and from 6.7.2's jar with its dependencies
assert !report.notes.any { it.contains('SetChannelDefinitionTypeAndImplementationCustomChange') } : report.notes
assert !log.contains('are looked up in its jar only')
assert report.summary.queries > 20 : 'the MyBatis mappers of 6.7.2 are read'
return true
