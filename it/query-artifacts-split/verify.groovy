
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
// the changelogs come from shop-schema, the queries from shop-app (queryArtifacts)
assert report.baseline.artifactId == 'shop-schema' && report.baseline.version == '1.0.0'
def findings = report.findings.findAll { it.rule == 'column-dropped' }
assert findings.size() == 1 : "one column-dropped finding: ${report.findings*.rule}"
def f = findings[0]
assert f.object.table == 'orders' && f.object.column == 'legacy_status' : 'queries of the app module must count'
assert f.queries.size() == 1
assert f.queries[0].source == 'com/acme/shop/Order.class (com.acme.shop.Order)' : "the entity in the app jar: ${f.queries}"
assert report.summary.queries == 1
assert report.verdict == 'FAIL'
return true
