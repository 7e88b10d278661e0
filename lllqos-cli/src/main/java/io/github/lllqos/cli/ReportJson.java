package io.github.lllqos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Report} as JSON: sections as objects, tables as arrays of objects, known values as strings,
 * numbers, booleans, lists or objects, and an unknown value as {@code {"unknown": "reason"}}.
 */
final class ReportJson {

    /** Sections one key a line, indented; {@code "key": value}. */
    private static final ObjectWriter SECTIONS = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
    /** A value on one line, spaced as people write it: {@code {"pid": 123, "command": "cyclictest"}}. */
    private static final ObjectWriter VALUES = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("", ""))
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance)
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private ReportJson() {
    }

    static String render(Report report) {
        try {
            return SECTIONS.writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the report as JSON", e);
        }
    }

    private static Map<String, Object> tree(Report report) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Report.Entry entry : report.entries()) {
            object.put(entry.key(), value(entry.value()));
        }
        return object;
    }

    private static Object value(Object value) {
        if (value instanceof Report section) {
            return tree(section);
        }
        if (value instanceof Report.Table table) {
            List<Object> rows = new ArrayList<>();
            table.rows().forEach(row -> rows.add(tree(row)));
            return rows;
        }
        Report.Value known = (Report.Value) value;
        try {
            return new RawValue(VALUES.writeValueAsString(
                    known.isKnown() ? plain(known.json()) : Map.of("unknown", known.reason())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a value as JSON", e);
        }
    }

    /** Numbers, booleans, strings, lists and maps as they are; anything else as its text. */
    private static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof List<?> items) {
            return items.stream().map(ReportJson::plain).toList();
        }
        if (value instanceof Map<?, ?> fields) {
            Map<String, Object> object = new LinkedHashMap<>();
            fields.forEach((key, field) -> object.put(String.valueOf(key), plain(field)));
            return object;
        }
        return value.toString();
    }
}
