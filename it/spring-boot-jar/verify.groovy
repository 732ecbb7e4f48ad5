
def jar = new java.util.zip.ZipFile(new File(basedir, 'release-1.0.0/target/shop-1.0.0.jar'))
assert jar.getEntry('BOOT-INF/classes/db/changelog/db.changelog-master.xml') != null : 'fixture must be a Boot layout'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.summary.newChangeSets == 1 : 'changesets of the Boot jar must match the project ones'
def f = report.findings.find { it.rule == 'column-dropped' && it.object.column == 'legacy_status' }
assert f != null
assert f.queries.any { it.source.startsWith('sql/queries.sql') }
assert f.queries.any { it.source.contains('Order') }
return true
