def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
def findings = report.findings.findAll { it.rule == 'released-changeset-modified' }
assert findings.size() == 1 : "one released-changeset-modified finding: ${report.findings*.rule}"
def f = findings[0]
assert f.severity == 'BREAKING'
assert f.changeSet.id == '1' && f.changeSet.author == 'shop' && f.changeSet.line == 8
assert f.object.type == 'changeSet' && f.object.table == 'shop:1'
// both Liquibase checksums, and the validCheckSum the fix suggests is the released one
def sums = (f.message =~ /9:[0-9a-f]{32}/).collect { it }
assert sums.size() == 2 && sums[0] != sums[1] : "two different checksums in: ${f.message}"
assert f.fix.contains("<validCheckSum>${sums[0]}</validCheckSum>")
assert report.summary.newChangeSets == 0
assert report.verdict == 'FAIL'
return true
