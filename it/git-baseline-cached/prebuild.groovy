// a tagged tree no earlier run has seen (the local repository's cache outlives a run), so that the first build
// reads release 1.0.0 and the second takes it from the cache
new File(basedir, 'tagged-1.0.0/src/main/resources/sql/report.sql') << "-- run ${UUID.randomUUID()}\n"
// release 1.0.0 (tagged-1.0.0) committed and tagged v1.0.0, then the next release's work tree
releases = ['1.0.0']
return evaluate(new File(itSources, 'shared/git-release-history.groovy'))
