// releases 1.0.0 and 1.1.0 committed and tagged, then the next release's work tree
releases = ['1.0.0', '1.1.0']
return evaluate(new File(itSources, 'shared/git-release-history.groovy'))
