def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))

def f = report.findings.find { it.rule == 'column-dropped' && it.object.column == 'legacy_status' }
assert f != null : 'dropping a mapped column must fail'
assert f.queries.any { it.source.contains('com/acme/shop/Order') || it.source.contains('com.acme.shop.Order') }
assert report.coverage.sources.any { it.kind == 'JPA_MAPPING' && it.found >= 1 }
return true
