package io.github.rollbacksafety.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * Jackson set up once for the JSON formats: trees built in field order (the order is part of the format), pretty
 * printed with two-space indents and {@code \n} line ends on every OS, so reports diff cleanly.
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectWriter WRITER;

    static {
        var indenter = new DefaultIndenter("  ", "\n");
        var separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        var printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter);
        printer.indentArraysWith(indenter);
        WRITER = MAPPER.writer(printer);
    }

    private JsonOutput() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static String write(ObjectNode root) {
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serialises; anything else is a bug
            throw new UncheckedIOException(e);
        }
    }
}
