def page = new File(basedir, 'next/target/site/rollback-safety.html')
assert page.isFile() : 'site page rollback-safety.html missing'
def html = page.text
assert html.contains('column-dropped') : 'rule id missing from the site page'
assert html.contains('legacy_status') : 'dropped column missing from the site page'
assert html.contains('shop:2') : 'changeset missing from the site page'
assert html.contains('sql/queries.sql:2') : 'query location missing from the site page'
assert html.contains('Verdict: PASS') : 'verdict missing from the site page (failOn=NONE passes)'
assert html.contains('BREAKING') : 'severity missing from the site page'
assert !html.contains('run rollback-safety:check first') : 'the page did not find report.json'
def log = new File(basedir, 'build.log').text
assert log.contains('column-dropped') : 'check did not run before the site'
return true
