// Gives an IT a git history without a published release: in <basedir>/repo, commits each tagged-<version>
// folder as a release tagged v<version> (oldest first), then the work tree as it was (the next release).
// Called from an IT's prebuild.groovy, which sets `releases` (e.g. ['1.0.0']) in the shared binding.
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
releases.each { v ->
    copy(new File(basedir, "tagged-${v}"), repo)
    git('add', '-A')
    git('commit', '-q', '-m', "release ${v}")
    git('tag', "v${v}")
}
copy(saved, repo)
git('add', '-A')
git('commit', '-q', '-m', 'next release')
return true
