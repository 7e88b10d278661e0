package io.github.lllqos.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered tree of findings that renders both for people ({@link ReportText}) and for scripts
 * ({@link ReportJson}): each entry has a JSON key, a label, and a value that is known or unknown with a reason.
 */
final class Report implements ReportNode {

    private final List<Entry> entries = new ArrayList<>();

    /** One finding. */
    record Entry(String key, String label, ReportNode value) {
    }

    /** A list of rows with the same columns, such as the idle states of a CPU. */
    record Table(List<Report> rows, String whenEmpty) implements ReportNode {
    }

    /**
     * A value: {@code json} (a String, Number, Boolean, null, or a List or Map of these) for scripts and {@code text}
     * for people, saying the same; or unknown, with {@code reason}.
     */
    record Value(Object json, String text, String reason) implements ReportNode {

        static Value known(Object json, String text) {
            return new Value(json, text, null);
        }

        static Value known(Object json) {
            return new Value(json, String.valueOf(json), null);
        }

        static Value unknown(String reason) {
            return new Value(null, null, reason);
        }

        boolean isKnown() {
            return reason == null;
        }
    }

    Report put(String key, String label, Value value) {
        entries.add(new Entry(key, label, value));
        return this;
    }

    Report put(String key, String label, Report section) {
        entries.add(new Entry(key, label, section));
        return this;
    }

    Report put(String key, String label, Table table) {
        entries.add(new Entry(key, label, table));
        return this;
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }
}
