package io.github.lllqos.cli;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Report} for people: {@code label: value} lines, sections indented, tables in columns. */
final class ReportText {

    private static final String INDENT = "  ";

    private ReportText() {
    }

    static String render(Report report) {
        StringBuilder text = new StringBuilder();
        render(report, "", text);
        return text.toString();
    }

    private static void render(Report report, String indent, StringBuilder text) {
        for (Report.Entry entry : report.entries()) {
            if (entry.value() instanceof Report section) {
                text.append(indent).append(entry.label()).append(":\n");
                render(section, indent + INDENT, text);
            } else if (entry.value() instanceof Report.Table table) {
                text.append(indent).append(entry.label()).append(':');
                if (table.rows().isEmpty()) {
                    text.append(' ').append(table.whenEmpty()).append('\n');
                } else {
                    text.append('\n');
                    renderTable(table.rows(), indent + INDENT, text);
                }
            } else if (entry.value() instanceof Report.Value<?> value) {
                text.append(indent).append(entry.label()).append(": ").append(describe(value)).append('\n');
            }
        }
    }

    static String describe(Report.Value<?> value) {
        return value.isKnown() ? value.text() : "unknown (" + value.reason() + ")";
    }

    private static void renderTable(List<Report> rows, String indent, StringBuilder text) {
        List<Report.Entry> columns = rows.get(0).entries();
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        columns.forEach(column -> header.add(column.label()));
        cells.add(header);
        for (Report row : rows) {
            List<String> line = new ArrayList<>();
            row.entries().forEach(entry -> line.add(describe((Report.Value<?>) entry.value())));
            cells.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : cells) {
            for (int column = 0; column < line.size(); column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        for (List<String> line : cells) {
            StringBuilder row = new StringBuilder(indent);
            for (int column = 0; column < line.size(); column++) {
                String cell = line.get(column);
                row.append(cell);
                if (column < line.size() - 1) {
                    row.append(" ".repeat(widths[column] - cell.length() + 2));
                }
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
    }
}
