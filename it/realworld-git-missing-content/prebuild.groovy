// release 1.0.0 committed and tagged, then the next release's work tree; then the CSV's content is removed
releases = ['1.0.0']
evaluate(new File(itSources, 'shared/git-release-history.groovy'))
def repo = new File(basedir, 'repo')
def p = ['git', 'hash-object', 'src/main/resources/data/reference.csv'].execute(null, repo)
def id = p.text.trim()
assert p.waitFor() == 0 && id.length() == 40
def object = new File(repo, ".git/objects/${id.substring(0, 2)}/${id.substring(2)}")
assert object.delete() : "cannot delete ${object}"
return true
