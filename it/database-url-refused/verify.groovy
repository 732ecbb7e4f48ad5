
def log = new File(basedir, 'build.log').text
assert log.contains('is not empty') : 'refusal message missing'
assert log.contains('CUSTOMERS') : 'the refusal names what the database holds'
assert log.contains('empty throwaway database')
assert !log.contains('Exception in thread') && !log.contains('\tat io.github') : 'a user error, not a stack trace'
return true
