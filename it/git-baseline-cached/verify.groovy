// build.log holds both builds: the first read release 1.0.0 and cached it, the second (clean verify) checked again
// but took the release from the cache
def lines = new File(basedir, 'build.log').readLines()
def read = lines.findIndexValues { it.contains('Previous release 1.0.0 read in ') }
def cached = lines.findIndexValues { it.contains('Previous release 1.0.0 taken from the cache in ') }
assert read.size() == 1 : 'only the first build reads the release'
assert lines[read[0]].contains('cached for the next builds')
assert cached.size() == 1 && cached[0] > read[0] : 'the second build takes release 1.0.0 from the cache'
assert lines[cached[0]] =~ /taken from the cache in \d+ ms \(1 changesets, 3 queries; none of its files read\)/
assert !lines.any { it.contains('nothing changed since the last check') } : 'clean verify runs the check again'
// nothing was written out of git: the tagged changelog and sources were not needed
assert !new File(basedir, 'repo/target/rollback-safety/baselines').exists()

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'repo/target/rollback-safety/report.json'))
assert report.verdict == 'PASS'
assert report.summary.newChangeSets == 1
// the cached usage is the tagged release's: the entity, the SQL string and the .sql resource
assert report.summary.queries >= 3
def entries = new File(localRepositoryPath, '.cache/rollback-safety').listFiles().findAll { it.name.startsWith('release-') }
assert !entries.isEmpty()
return true
