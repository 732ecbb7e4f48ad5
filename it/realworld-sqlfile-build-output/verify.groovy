def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
assert report.summary.newChangeSets == 2
// the dropped column comes from a script only the build output holds
def dropped = report.findings.find { it.rule == 'column-dropped' }
assert dropped != null && dropped.object.column == 'legacy_code' && dropped.changeSet.id == '3'
// a new changeset whose script is not there at all is unanalyzable, not an abort
assert report.findings.any { it.rule == 'unanalyzable-change' && it.changeSet.id == '4' }
assert !report.findings.any { it.rule == 'released-changeset-modified' }
assert report.findings.size() == 2 : report.findings*.rule
assert !log.contains('cannot compute the checksum')
return true
