
def log = new File(basedir, 'build.log').text
// the file and the line of the unterminated <dropColumn> (its end tag is expected on line 19)
assert log.contains('db/changelog/db.changelog-master.xml:19: malformed XML') : 'the malformed file and line must be named'
assert log.contains('"dropColumn" must be terminated') : 'the parser\'s reason must be shown'
assert !log.contains('at liquibase.') : 'no stack trace for a user error'
return true
