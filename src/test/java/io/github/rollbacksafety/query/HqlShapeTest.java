package io.github.rollbacksafety.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HqlShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "from Patient p where p.nationalId = :id",
        "  FROM Sample",
        "select p from Patient p where p.id = :id",
        "select distinct patient from Patient as patient, SampleHuman as sh where sh.patientId = patient.id",
        "SELECT COUNT(*) From Analysis a WHERE a.sampleItem.sample.statusId IN (:ids)",
        "SELECT o FROM Organization o INNER JOIN o.organizationTypes ot WHERE ot.name IN (:names)",
        "select count(*) from Analysis a join a.testSection ts where ts.id = :id",
        "select max(s.accessionNumber) from Sample s",
        "select o from Order o join fetch o.items",
        "select new com.shop.OrderSummary(o.id, o.total) from Order o",
    })
    void entityQueriesAreHql(String text) {
        assertThat(HqlShape.hqlSign(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select a.id, b.name as bn from a_table a join b_table b on b.id = a.b_id",
        "select s.accession_number from clinlims.sample s where s.status_id = :status",
        "SELECT t.* From test t JOIN test_section ts ON t.test_section_id = ts.id WHERE ts.name = 'from Patient p'",
        "select count(*) from system_user_role sur join system_role as sr on sr.id = sur.role_id",
        "SELECT o.id FROM shop.orders o WHERE o.customer_id IN (SELECT c.id FROM customers c)",
        "select p.first_name from person p where p.last_name = ? order by p.first_name",
        "SELECT id FROM orders WHERE note = 'select p from Patient p'",
    })
    void sqlIsNotHql(String text) {
        assertThat(HqlShape.hqlSign(text)).isEmpty();
    }
}
