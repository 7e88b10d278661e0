package io.github.lllqos.cli;

/**
 * Renders a {@link Report} as JSON: sections as objects, tables as arrays of objects, known values as strings,
 * numbers or booleans, and an unknown value as {@code {"unknown": "reason"}}.
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
            } else if (known.json() == null) {
                json.append("null");
            } else if (known.json() instanceof java.util.List) {
                json.append('[');
                java.util.List<?> items = (java.util.List<?>) known.json();
                for (int i = 0; i < items.size(); i++) {
                    json.append(i == 0 ? "" : ", ");
                    string(String.valueOf(items.get(i)), json);
                }
                json.append(']');
            } else if (known.json() instanceof Number || known.json() instanceof Boolean) {
                json.append(known.json());
            } else {
                string(known.json().toString(), json);
            }
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
