package io.github.lllqos.cli;

import com.fasterxml.jackson.databind.util.RawValue;
import io.github.lllqos.cli.json.JsonStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Report} as JSON: sections as objects, tables as arrays of objects, known values as strings,
 * numbers, booleans, lists or objects, and an unknown value as {@code {"unknown": "reason"}}.
 */
final class ReportJson {

    private ReportJson() {
    }

    static String render(Report report) {
        return JsonStyle.indented(tree(report));
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
        return new RawValue(JsonStyle.inline(known.isKnown() ? plain(known.json()) : Map.of("unknown", known.reason())));
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
