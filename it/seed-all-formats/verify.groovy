def dir = new File(basedir, 'next/target/rollback-safety')
def files = ['report.json', 'report.sarif', 'report.md', 'TEST-rollback-safety.xml', 'report.html']
files.each { name ->
    def file = new File(dir, name)
    assert file.isFile() : "${name} not written"
    def text = file.text
    assert text.contains('legacy_status') : "${name} does not name the dropped column legacy_status"
    assert text.contains('sql/queries.sql') : "${name} does not name the query source sql/queries.sql"
}

// the changeset: as author:id in the prose formats and SARIF's properties, as fields in JSON
['report.sarif', 'report.md', 'TEST-rollback-safety.xml', 'report.html'].each { name ->
    assert new File(dir, name).text.contains('shop:2') : "${name} does not name changeset shop:2"
}
def json = new groovy.json.JsonSlurper().parse(new File(dir, 'report.json'))
assert json.verdict == 'FAIL'
def finding = json.findings.find { it.rule == 'column-dropped' }
assert finding != null : 'report.json lacks the column-dropped finding'
assert finding.changeSet.id == '2' && finding.changeSet.author == 'shop'
assert finding.queries.any { it.source.startsWith('sql/queries.sql:2') }

def sarif = new groovy.json.JsonSlurper().parse(new File(dir, 'report.sarif'))
def result = sarif.runs[0].results.find { it.ruleId == 'column-dropped' }
assert result != null : 'report.sarif lacks the column-dropped result'
assert result.properties.changeSet == 'shop:2'
assert result.locations[0].physicalLocation.artifactLocation.uri.endsWith('db/changelog/db.changelog-master.xml')

def junit = new groovy.xml.XmlSlurper().parse(new File(dir, 'TEST-rollback-safety.xml'))
assert junit.'**'.findAll { it.name() == 'failure' }.size() > 0 : 'JUnit report has no failure'

assert new File(dir, 'report.html').text.contains('column-dropped')
assert new File(dir, 'report.md').text.contains('column-dropped')
return true
