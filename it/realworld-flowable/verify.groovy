// The Flowable engine 6.8.0 jar from Maven Central as the previous release's queries: its MyBatis mappers write every
// table as ${prefix}ACT_..., and it ships create/drop/upgrade scripts that are not runtime queries.
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'next/target/rollback-safety/report.json'))
def coverage = report.coverage

def mybatis = coverage.sources.find { it.kind == 'MYBATIS_XML' }
assert mybatis != null : 'the mappers of the jar must be read'
assert mybatis.found >= 200 : "mapper statements found: ${mybatis.found}"
assert mybatis.parsed >= 0.9 * mybatis.found : "mapper statements understood: ${mybatis.parsed}/${mybatis.found}"

// statements with ${prefix} contribute usage, per table
assert coverage.tables['act_re_procdef'] >= 20 : "queries using act_re_procdef: ${coverage.tables['act_re_procdef']}"
assert coverage.tables['act_ru_execution'] >= 20 : "queries using act_ru_execution: ${coverage.tables['act_ru_execution']}"
assert coverage.tables.size() >= 20 : "tables with usage: ${coverage.tables.size()}"

// DDL and upgrade scripts are listed apart and give no usage
assert coverage.excluded.size() >= 600 : "excluded scripts: ${coverage.excluded.size()}"
assert coverage.excluded.every { it.category == 'DDL or migration script' }
assert !coverage.sources.any { it.kind == 'SQL_RESOURCE' && it.found > 0 }

// the one real break, with a mapper statement as evidence; no false BREAKING for the table only scripts touch
def breaking = report.findings.findAll { it.severity == 'BREAKING' }
assert breaking.size() == 1 : "BREAKING findings: ${breaking*.rule} ${breaking*.object}"
assert breaking[0].rule == 'column-dropped' && breaking[0].object.column == 'description_'
assert breaking[0].queries.any { it.source.contains('ProcessDefinition.xml') }
assert !report.findings.any { it.object.table == 'act_ge_property' } : 'only DDL/upgrade scripts use ACT_GE_PROPERTY'
// read only through the mappers' SELECT RES.*: RISKY star-select-column-dropped, not BREAKING
assert report.findings.findAll { it.object.column == 'legacy_flag_' }*.rule == ['star-select-column-dropped']
return true
