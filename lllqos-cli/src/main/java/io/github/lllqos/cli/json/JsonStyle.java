package io.github.lllqos.cli.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;

/**
 * How the command writes JSON, through Jackson: objects one key a line and indented ({@link #indented}), or a
 * value on one line ({@link #inline}), both spaced as people write JSON: {@code "key": value}, {@code [1, 2]}.
 */
public final class JsonStyle {

    private static final ObjectWriter INDENTED = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
    private static final ObjectWriter INLINE = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("", ""))
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance)
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private JsonStyle() {
    }

    /**
     * A document: maps, lists, strings, numbers, booleans and nulls, one key a line, ending in a newline.
     *
     * @param tree the document
     * @return its JSON text
     */
    public static String indented(Object tree) {
        return write(INDENTED, tree) + "\n";
    }

    /**
     * A value on one line, such as {@code {"pid": 123, "command": "cyclictest"}}.
     *
     * @param value the value
     * @return its JSON text
     */
    public static String inline(Object value) {
        return write(INLINE, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }
}
