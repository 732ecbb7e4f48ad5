// release 1.0.0 (tagged-1.0.0) committed and tagged v1.0.0, then the next release's work tree
releases = ['1.0.0']
return evaluate(new File(itSources, 'shared/git-release-history.groovy'))
