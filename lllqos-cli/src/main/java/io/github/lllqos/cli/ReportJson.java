package io.github.lllqos.cli;

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
        StringBuilder json = new StringBuilder();
        object(report, "", json);
        return json.append('\n').toString();
    }

    private static void object(Report report, String indent, StringBuilder json) {
        json.append("{");
        String inner = indent + "  ";
        boolean first = true;
        for (Report.Entry entry : report.entries()) {
            json.append(first ? "\n" : ",\n").append(inner);
            first = false;
            string(entry.key(), json);
            json.append(": ");
            value(entry.value(), inner, json);
        }
        json.append(first ? "}" : "\n" + indent + "}");
    }

    private static void value(Object value, String indent, StringBuilder json) {
        if (value instanceof Report) {
            object((Report) value, indent, json);
        } else if (value instanceof Report.Table) {
            Report.Table table = (Report.Table) value;
            json.append('[');
            String inner = indent + "  ";
            for (int row = 0; row < table.rows().size(); row++) {
                json.append(row == 0 ? "\n" : ",\n").append(inner);
                object(table.rows().get(row), inner, json);
            }
            json.append(table.rows().isEmpty() ? "]" : "\n" + indent + "]");
        } else {
            Report.Value known = (Report.Value) value;
            if (!known.isKnown()) {
                json.append("{\"unknown\": ");
                string(known.reason(), json);
                json.append('}');
            } else {
                scalarOrCollection(known.json(), json);
            }
        }
    }

    /** A value's JSON: null, a number, a boolean, a string, a list or a map of these. */
    private static void scalarOrCollection(Object value, StringBuilder json) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof List<?> items) {
            json.append('[');
            for (int i = 0; i < items.size(); i++) {
                json.append(i == 0 ? "" : ", ");
                scalarOrCollection(items.get(i), json);
            }
            json.append(']');
        } else if (value instanceof Map<?, ?> fields) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                json.append(first ? "" : ", ");
                first = false;
                string(String.valueOf(field.getKey()), json);
                json.append(": ");
                scalarOrCollection(field.getValue(), json);
            }
            json.append('}');
        } else {
            string(value.toString(), json);
        }
    }

    static void string(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '\n':
                    json.append("\\n");
                    break;
                case '\r':
                    json.append("\\r");
                    break;
                case '\t':
                    json.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }
}
