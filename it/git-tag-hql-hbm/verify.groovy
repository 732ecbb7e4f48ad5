def log = new File(basedir, 'build.log').text
assert log.contains('v1.0.0') : 'the tag used must be logged'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))

// the HQL names the entity CityStateZip, mapped on city_state_zip: the dropped legacy table is not its table
assert !report.findings.any { it.object?.table == 'citystatezip' } : "findings: ${report.findings}"
def strings = report.coverage.sources.find { it.kind == 'JAVA_SOURCE' }
assert strings != null && strings.found == 2 && strings.parsed == 2 : "Java source strings: ${strings}"
// both HQL statements and the mapping use city_state_zip; nothing uses the entity name as a table
assert report.coverage.tables['city_state_zip'] >= 3 : "tables: ${report.coverage.tables}"
assert !report.coverage.tables.containsKey('citystatezip') : "tables: ${report.coverage.tables}"
return true
