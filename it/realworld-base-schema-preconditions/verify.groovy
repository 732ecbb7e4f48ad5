def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.verdict == 'FAIL'
assert report.summary.newChangeSets == 2
def renamed = report.findings.find { it.rule == 'column-renamed' }
assert renamed != null && renamed.object.column == 'legacy_name' : report.findings*.rule
assert !report.notes.any { it.contains('app:2') } : 'the previous release reads legacy_name, so the guard holds'
// a guard over a table the history does not know: analysed as if it runs, noted once, never "skipped"
def audit = report.notes.findAll { it.contains('app:3') }
assert audit.size() == 1 && audit[0].contains('analysed as if the changeset runs') : audit
return true
