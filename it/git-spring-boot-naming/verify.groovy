def slurp = { new groovy.json.JsonSlurper().parse(new File(basedir, it)) }

// run 1: Spring Boot detected from the release's POMs, so the explicit camel-case name is tracking_code
def boot = slurp('repo/db/target/rollback-safety/report.json')
assert boot.verdict == 'FAIL'
def f = boot.findings.find { it.rule == 'column-dropped' && it.object.table == 'shipment' && it.object.column == 'tracking_code' }
assert f != null : "dropping tracking_code breaks the Spring Boot release: ${boot.findings}"
assert f.severity == 'BREAKING'
def mapping = f.queries.find { it.sql.contains('mapping of com.acme.shipping.Shipment') }
assert mapping != null : f.queries
assert mapping.sql.contains('snake-case') && mapping.sql.contains('app/pom.xml') : 'the naming and where Spring Boot was seen: ' + mapping.sql
assert mapping.source.contains('app/src/main/java/com/acme/shipping/Shipment.java')

// run 2: the same release read as plain Hibernate runs it maps trackingCode, which is not dropped
def plain = slurp('repo/db/target/rollback-safety-plain/report.json')
assert plain.verdict == 'PASS' : plain.findings
assert !plain.findings.any { it.rule == 'column-dropped' }
return true
