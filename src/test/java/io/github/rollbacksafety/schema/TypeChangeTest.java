package io.github.rollbacksafety.schema;

import io.github.rollbacksafety.schema.TypeChange.Compatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TypeChangeTest {

    private static Compatibility verdict(String from, String to) {
        return TypeChange.between(ColumnType.parse(from), ColumnType.parse(to)).compatibility();
    }

    @ParameterizedTest(name = "{0} -> {1} widens")
    @CsvSource(delimiter = '|', value = {
            "varchar(50)|varchar(255)", "varchar(50)|text", "VARCHAR2(100 CHAR)|clob", "nvarchar(10)|longtext",
            "character varying(20)|varchar(40)", "smallint|int", "int|bigint", "int4|int8", "integer|java.sql.Types.BIGINT",
            "int(11)|integer", "numeric(10,2)|numeric(12,2)", "decimal(10,2)|number(12,4)", "number(10)|number",
            "int|numeric(12,0)", "numeric(9,0)|int", "float|double", "real|double precision", "float4|float8",
            "boolean|bit", "bool|boolean", "timestamp|datetime", "timestamp(3)|timestamp(6)", "timestamptz|timestamp with time zone",
            "uuid|uuid", "bytea|blob", "varbinary(16)|varbinary(32)", "date|date", "time|time",
            "timestamp without time zone|timestamp"})
    void wideningIsSafe(String from, String to) {
        assertThat(verdict(from, to)).isEqualTo(Compatibility.SAFE);
    }

    @ParameterizedTest(name = "{0} -> {1} breaks")
    @CsvSource(delimiter = '|', value = {
            "varchar(255)|varchar(50)", "text|varchar(255)", "clob|varchar2(4000)", "bigint|int", "int8|smallint",
            "numeric(12,2)|numeric(10,2)", "numeric(12,4)|numeric(12,2)", "numeric(12,2)|numeric(12,4)",
            "number|number(10)", "numeric(10,2)|int", "double|float", "varchar(50)|int", "int|varchar(50)",
            "boolean|int", "uuid|varchar(36)", "timestamp(6)|timestamp(0)", "timestamp with time zone|timestamp",
            "date|time", "blob|varbinary(100)", "java.sql.Types.VARCHAR(20)|java.sql.Types.INTEGER"})
    void narrowingOrAnotherFamilyBreaks(String from, String to) {
        assertThat(verdict(from, to)).isEqualTo(Compatibility.BREAKING);
    }

    @ParameterizedTest(name = "{0} -> {1} is risky")
    @CsvSource(delimiter = '|', value = {"timestamp|timestamp with time zone", "datetime|timestamptz",
            "timestamp(6)|timestamp(6) with time zone", "date|timestamp"})
    void addingATimeZoneIsRisky(String from, String to) {
        assertThat(verdict(from, to)).isEqualTo(Compatibility.RISKY);
    }

    @ParameterizedTest(name = "{0} -> {1} cannot be judged")
    @CsvSource(delimiter = '|', value = {"${id.type}|bigint", "varchar(20)|${text.type}", "money|int",
            "geometry|varchar(10)", "bit(8)|boolean"})
    void unresolvedOrUnknownTypesCompareNothing(String from, String to) {
        assertThat(verdict(from, to)).isEqualTo(Compatibility.UNKNOWN);
    }
}
