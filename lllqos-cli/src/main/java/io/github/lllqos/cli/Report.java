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
     * A value: {@code json} for scripts, written by Jackson (a String, Number, Boolean, null, a record, or a List of
     * these), and {@code text} for people, saying the same; or unknown, with {@code reason}.
     *
     * @param <T> the type of the JSON value, so that a value read and parsed once is used as what it is
     */
    record Value<T>(T json, String text, String reason) implements ReportNode {

        static <T> Value<T> known(T json, String text) {
            return new Value<>(json, text, null);
        }

        static <T> Value<T> known(T json) {
            return new Value<>(json, String.valueOf(json), null);
        }

        static <T> Value<T> unknown(String reason) {
            return new Value<>(null, null, reason);
        }

        boolean isKnown() {
            return reason == null;
        }

        /** The same reason, for a value of another type derived from this unknown one. */
        <U> Value<U> stillUnknown() {
            if (isKnown()) {
                throw new IllegalStateException("the value is known: " + text);
            }
            return unknown(reason);
        }
    }

    Report put(String key, String label, Value<?> value) {
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
