def log = new File(basedir, 'build.log').text
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
assert report.findings.any { it.rule == 'positional-insert-broken' && it.object.table == 'orders' }
return true
