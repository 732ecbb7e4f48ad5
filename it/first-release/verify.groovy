
def log = new File(basedir, 'build.log').text
assert log.contains('first release') : 'first release info line missing'
return true
