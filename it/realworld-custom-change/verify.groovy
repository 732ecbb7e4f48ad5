def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
assert report.summary.newChangeSets == 2
def unanalyzable = report.findings.findAll { it.rule == 'unanalyzable-change' }
assert unanalyzable.size() == 2 : "both new custom changes are unanalyzable: ${report.findings*.rule}"
assert unanalyzable.any { it.message.contains('com.acme.db.Backfill') }
assert unanalyzable.any { it.message.contains('com.acme.db.ArchiveOldOrders') }
assert !report.findings.any { it.rule == 'released-changeset-modified' }
// the released changeset's class loads from the released jar, so its checksum is compared, not noted
assert !report.notes.any { it.contains('com.acme.db.Backfill could not be loaded') } : report.notes
assert !log.contains('is not on the class path of the check')
// the release's runtime class path was resolved through Maven Resolver, not only its jar
assert !log.contains('are looked up in its jar only')
return true
