package io.github.lllqos.cli;

import com.fasterxml.jackson.databind.util.RawValue;
import io.github.lllqos.cli.json.JsonStyle;
import java.util.LinkedHashMap;
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

    private static Object value(ReportNode value) {
        if (value instanceof Report section) {
            return tree(section);
        }
        if (value instanceof Report.Table table) {
            return table.rows().stream().map(ReportJson::tree).toList();
        }
        Report.Value<?> known = (Report.Value<?>) value;    // the one node left: ReportNode is sealed
        return new RawValue(JsonStyle.inline(known.isKnown() ? known.json() : new Unknown(known.reason())));
    }

    /** How an unknown value is written: {@code {"unknown": "reason"}}. */
    private record Unknown(String unknown) {
    }
}
