package io.github.rollbacksafety.query.sqlfile;

import io.github.rollbacksafety.query.Query;
import io.github.rollbacksafety.query.QueryCollector;
import io.github.rollbacksafety.query.QuerySourceKind;
import io.github.rollbacksafety.query.SourceLocation;
import io.github.rollbacksafety.sql.SqlScriptSplitter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** What the SQL file sources share: decoding file bytes into text and reporting a script's statements. */
final class SqlScripts {

    private SqlScripts() {
    }

    /**
     * The text of a file: UTF-8 (BOM dropped); text that is not valid UTF-8 is read as ISO-8859-1 with a warning;
     * binary content (NUL bytes) is skipped with a warning.
     */
    static Optional<String> decode(byte[] bytes, String file, QueryCollector collector) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                collector.warning(file + ": binary content, not read as SQL");
                return Optional.empty();
            }
        }
        try {
            var text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            collector.warning(file + ": not valid UTF-8, read as ISO-8859-1");
            return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    /** Liquibase formatted SQL is part of a changelog, never application SQL. */
    static boolean isFormattedChangelog(String text) {
        return text.stripLeading().toLowerCase(Locale.ROOT).startsWith("--liquibase formatted sql");
    }

    /** Reports every statement of a script, located at its first line. */
    static void reportScript(String text, String file, QuerySourceKind kind, QueryCollector collector) {
        reportStatements(SqlScriptSplitter.split(text), file, kind, collector);
    }

    /** Reports statements already split. */
    static void reportStatements(java.util.List<SqlScriptSplitter.Piece> statements, String file,
                                 QuerySourceKind kind, QueryCollector collector) {
        for (var statement : statements) {
            collector.sql(new Query(statement.text(), SourceLocation.of(file, statement.line()), kind));
        }
    }
}
