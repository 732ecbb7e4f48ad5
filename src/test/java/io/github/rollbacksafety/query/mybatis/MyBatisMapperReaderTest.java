package io.github.rollbacksafety.query.mybatis;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QueryUsage;
import io.github.rollbacksafety.query.SqlUsageExtractor;
import io.github.rollbacksafety.query.UnparsableQueryException;
import io.github.rollbacksafety.query.XmlTree;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class MyBatisMapperReaderTest {

    private static XmlTree.Element xml(String text) throws IOException {
        return XmlTree.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> sql(MyBatisMapperReader reader, String... mappers) throws IOException {
        for (int i = 0; i < mappers.length; i++) {
            reader.add(xml(mappers[i]), "m" + i + ".xml");
        }
        var collector = new QueryCollector();
        reader.emit(collector);
        return collector.sql().stream().map(Query::sql).toList();
    }

    private static List<String> columns(String sql) throws UnparsableQueryException {
        var usage = new SqlUsageExtractor().extract(new Query(sql, null, null));
        var out = new TreeSet<String>();
        for (var c : usage.columns()) {
            out.add(String.join("|", new TreeSet<>(c.candidateTables())) + "." + c.column()
                    + (c.access() == QueryUsage.Access.WRITE ? "=w" : ""));
        }
        return List.copyOf(out);
    }

    @Test
    void conditionsOfEveryBranchAreJoinedSoThatTheUnionParses() throws Exception {
        var statements = sql(new MyBatisMapperReader(), """
                <mapper namespace="t">
                  <select id="q">select count(RES.ID_) from ${prefix}ACT_HI_DETAIL RES
                    <where>
                      <if test="id != null">RES.ID_ = #{id}</if>
                      <if test="pid != null">RES.PROC_INST_ID_ = #{pid}</if>
                      <choose>
                        <when test="a">RES.TENANT_ID_ IS NULL OR RES.TENANT_ID_ = ''</when>
                        <otherwise>RES.TENANT_ID_ = #{tenant}</otherwise>
                      </choose>
                    </where>
                  </select>
                </mapper>""");
        assertThat(statements).hasSize(1);
        assertThat(columns(statements.get(0))).containsExactly("act_hi_detail.id_", "act_hi_detail.proc_inst_id_",
                "act_hi_detail.tenant_id_");
    }

    @Test
    void choiceOfOperatorsTakesOneBranchAndLeadingOrAfterWhereIsDropped() throws Exception {
        var statements = sql(new MyBatisMapperReader(), """
                <mapper namespace="t">
                  <select id="q">select ID_ from T V where
                    <foreach item="i" index="n" collection="list">
                      <if test="n &gt; 0"> or </if> V.TEXT_
                      <choose><when test="op == 'EQ'">=</when><when test="op == 'LIKE'">LIKE</when></choose>
                      #{i}
                    </foreach>
                  </select>
                </mapper>""");
        assertThat(columns(statements.get(0))).containsExactly("t.id_", "t.text_");
    }

    @Test
    void fragmentsAreIncludedAcrossMappersWithTheIncludesProperties() throws Exception {
        var statements = sql(new MyBatisMapperReader(), """
                <mapper namespace="common">
                  <sql id="criteria">from ${prefix}ACT_HI_ACTINST ${alias} where ${column}END_TIME_ is null</sql>
                </mapper>""", """
                <mapper namespace="act">
                  <select id="q">select RES.ID_
                    <include refid="common.criteria">
                      <property name="alias" value="RES"/><property name="column" value="RES."/>
                    </include>
                  </select>
                </mapper>""");
        assertThat(statements).containsExactly("select RES.ID_ from ${prefix}ACT_HI_ACTINST RES where RES.END_TIME_ is null");
        assertThat(columns(statements.get(0))).containsExactly("act_hi_actinst.end_time_", "act_hi_actinst.id_");
    }

    @Test
    void configurationPropertiesResolvePlaceholders() throws Exception {
        var reader = new MyBatisMapperReader();
        var config = xml("""
                <configuration><properties><property name="schema" value="app"/></properties>
                <mappers><mapper resource="m0.xml"/></mappers></configuration>""");
        assertThat(MyBatisMapperReader.isConfiguration(config)).isTrue();
        assertThat(MyBatisMapperReader.isConfiguration(xml("<configuration><appender name='x'/></configuration>")))
                .isFalse();
        reader.addConfiguration(config);
        var statements = sql(reader, "<mapper namespace='m'><delete id='d'>delete from ${schema}.orders_${suffix}"
                + " where id = #{id}</delete></mapper>");
        assertThat(statements).containsExactly("delete from app.orders_${suffix} where id = #{id}");
    }

    @Test
    void databaseIdVariantForTheCheckedDatabaseElseTheGeneralOne() throws Exception {
        var mapper = """
                <mapper namespace="m">
                  <insert id="bulk">insert into A (X) values (#{x})</insert>
                  <insert id="bulk" databaseId="oracle">INSERT ALL INTO B (X) VALUES (#{x}) SELECT * FROM dual</insert>
                  <select id="page">select X from C <if test="_databaseId == 'mssql'">with (nolock)</if></select>
                </mapper>""";
        assertThat(sql(new MyBatisMapperReader(), mapper))
                .containsExactly("insert into A (X) values (#{x})", "select X from C");
        assertThat(sql(new MyBatisMapperReader(Optional.of("oracle")), mapper)).first().asString()
                .startsWith("INSERT ALL INTO B");
        assertThat(sql(new MyBatisMapperReader(Optional.of("mssql")), mapper))
                .contains("select X from C with (nolock)");
    }

    @Test
    void wholeStatementSuppliedAtRunTimeIsReportedWithItsReason() throws Exception {
        var reader = new MyBatisMapperReader();
        reader.add(xml("<mapper namespace='m'><select id='n'>${sql}</select>"
                + "<select id='i'><include refid='elsewhere.frag'/></select></mapper>"), "m.xml");
        var collector = new QueryCollector();
        reader.emit(collector);
        assertThat(collector.sql()).isEmpty();
        assertThat(collector.unparsed()).extracting(QueryCollector.Unparsed::reason).containsExactly(
                "the whole statement is supplied at run time (${sql})",
                "includes <sql> fragment elsewhere.frag that is not among the release's mappers");
    }

    @Test
    void setBranchesAreJoinedWithCommasAndWritten() throws Exception {
        var statements = sql(new MyBatisMapperReader(), """
                <mapper namespace="m"><update id="u">update ${prefix}T
                  <set><if test="a">A = #{a}</if><if test="b">B = #{b}</if></set>
                  where ID = #{id} <if test="rev">and REV = #{rev}</if>
                </update></mapper>""");
        assertThat(columns(statements.get(0))).containsExactly("t.a=w", "t.b=w", "t.id", "t.rev");
    }
}
