
def slurper = new groovy.json.JsonSlurper()
(1..8).each { i ->
    def serial = new File(basedir, "next/m${i}/target/rollback-safety/report.json")
    def parallel = new File(basedir, "next/m${i}/target/rollback-safety-parallel/report.json")
    assert serial.isFile() && parallel.isFile() : "reports of m${i} missing"
    def a = slurper.parse(serial)
    def b = slurper.parse(parallel)
    assert a.findings == b.findings : "m${i}: parallel findings differ from serial ones"
    assert a.summary == b.summary
    assert a.findings.any { it.rule == 'column-dropped' && it.object.table == "orders_${i}" } : "m${i}: drop not found"
    if (i % 2) {
        assert a.findings.any { it.rule == 'not-null-column-added' } : "m${i}: NOT NULL add not found"
    }
}
return true
