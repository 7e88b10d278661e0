package io.github.lllqos.it;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields of one report line of the lease-holding program: {@code key=value} pairs separated by spaces, the
 * first {@code event=E}, and optionally a last {@code reason=TEXT} that may contain spaces.
 */
final class ReportFields {

    private ReportFields() {
    }

    /** Whether {@code line} reports {@code event}. */
    static boolean reports(String line, String event) {
        return line.startsWith("event=" + event + " ");
    }

    /** The fields by key; the reason, if any, under {@code reason}. */
    static Map<String, String> parse(String line) {
        Map<String, String> values = new HashMap<>();
        String fields = line;
        int reasonAt = line.indexOf(" reason=");
        if (reasonAt >= 0) {
            values.put("reason", line.substring(reasonAt + " reason=".length()));
            fields = line.substring(0, reasonAt);
        }
        for (String field : fields.split(" ")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a key=value field: '" + field + "' in '" + line + "'");
            }
            values.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return values;
    }
}
