
def log = new File(basedir, 'build.log').text
assert log.contains('allowUnresolvedBaseline') : 'the failure must name allowUnresolvedBaseline'
return true
