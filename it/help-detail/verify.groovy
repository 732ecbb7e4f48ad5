def log = new File(basedir, 'build.log').text
assert log.contains('rollback-safety:check') : 'help did not describe the check goal'
// every user-facing parameter of check, with its user property where it has one
def parameters = ['allowUnresolvedBaseline', 'baselineArtifact', 'baselineGitRef', 'baselineModulePath',
                  'baselineSource', 'baselineTagPattern', 'baselineVersion', 'changeLogParameters', 'changelog',
                  'contexts', 'dbms', 'failIfNoBaseline', 'failOn', 'labels', 'queryArtifacts', 'queryDependencies',
                  'queryFiles', 'releases', 'reportDirectory', 'reportFormats', 'skip', 'waivers']
def missing = parameters.findAll { !(log =~ /(?m)^\[INFO\]\s+${it}\b/) && !(log =~ /(?m)^\s+${it}\b/) }
assert missing.isEmpty() : "help -Ddetail lacks the parameters ${missing}"
assert log.contains('User property: rollbackSafety.failOn') : 'user property of failOn missing'
assert !log.contains('rollback-safety:report') : 'help for -Dgoal=check must describe check only'
return true
