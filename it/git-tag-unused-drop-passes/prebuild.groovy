
def repo = new File(basedir, 'repo')
def git = { String... args ->
    def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList()
    def p = cmd.execute(null, repo)
    p.waitForProcessOutput(System.out, System.err)
    assert p.exitValue() == 0 : "failed: ${cmd}"
}
def copy = { File from, File to ->
    from.eachFileRecurse(groovy.io.FileType.FILES) { f ->
        def target = new File(to, from.toPath().relativize(f.toPath()).toString())
        target.parentFile.mkdirs()
        target.bytes = f.bytes
    }
}
def saved = new File(basedir, 'work-tree-of-next')
copy(repo, saved)
git('init', '-q')
new File(repo, '.gitignore').text = 'target/\n'
copy(new File(basedir, 'tagged-1.0.0'), repo)
git('add', '-A')
git('commit', '-q', '-m', 'release 1.0.0')
git('tag', 'v1.0.0')
copy(saved, repo)
git('add', '-A')
git('commit', '-q', '-m', 'next release')
return true
