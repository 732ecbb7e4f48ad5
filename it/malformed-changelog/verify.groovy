
def log = new File(basedir, 'build.log').text
assert log.contains('db.changelog-master.xml') : 'the malformed file must be named'
assert !log.contains('at liquibase.') : 'no stack trace for a user error'
return true
