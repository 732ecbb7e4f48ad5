package io.github.rollbacksafety.schema;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnTypeTest {

    @Test
    void parsesLengthOfVarchar() {
        var t = ColumnType.parse("varchar(100)");
        assertThat(t.base()).isEqualTo("VARCHAR");
        assertThat(t.precision()).isEqualTo(OptionalInt.of(100));
        assertThat(t.scale()).isEmpty();
        assertThat(t.raw()).isEqualTo("varchar(100)");
    }

    @Test
    void parsesPrecisionAndScale() {
        var t = ColumnType.parse("NUMERIC(12, 2)");
        assertThat(t.base()).isEqualTo("NUMERIC");
        assertThat(t.precision()).isEqualTo(OptionalInt.of(12));
        assertThat(t.scale()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void keepsMultiWordNames() {
        assertThat(ColumnType.parse("character varying(20)").base()).isEqualTo("CHARACTER VARYING");
        assertThat(ColumnType.parse("double precision").base()).isEqualTo("DOUBLE PRECISION");
        assertThat(ColumnType.parse("timestamp with time zone").base()).isEqualTo("TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void keepsTheSuffixAfterArguments() {
        var t = ColumnType.parse("timestamp(6) with time zone");
        assertThat(t.base()).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(t.precision()).isEqualTo(OptionalInt.of(6));
    }

    @Test
    void understandsJavaSqlTypesAndOracleCharSemantics() {
        assertThat(ColumnType.parse("java.sql.Types.BIGINT").base()).isEqualTo("BIGINT");
        var t = ColumnType.parse("VARCHAR2(10 CHAR)");
        assertThat(t.base()).isEqualTo("VARCHAR2");
        assertThat(t.precision()).isEqualTo(OptionalInt.of(10));
    }

    @Test
    void plainNamesHaveNoArguments() {
        var t = ColumnType.parse("int");
        assertThat(t.base()).isEqualTo("INT");
        assertThat(t.precision()).isEmpty();
        assertThat(ColumnType.parse("nvarchar(max)").precision()).isEmpty();
    }
}
