def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.findings.any { it.rule == 'released-changeset-modified' && it.changeSet.id == '1' }
return true
