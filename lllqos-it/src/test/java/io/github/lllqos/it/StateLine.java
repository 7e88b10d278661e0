package io.github.lllqos.it;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One state line of the lease-holding program: {@code event=E acquired=B provider=P target=N effective=N|unknown
 * [reason=TEXT]} (the reason, last, may contain spaces).
 */
record StateLine(String event, boolean acquired, String provider, int target, OptionalInt effective, String reason) {

    /** Whether a printed line is a state line rather than an error or a log message. */
    static boolean isState(String line) {
        return line.startsWith("event=") && line.contains(" acquired=");
    }

    /** Parses a line for which {@link #isState(String)} holds. */
    static StateLine parse(String line) {
        String reason = null;
        String fields = line;
        int reasonAt = line.indexOf(" reason=");
        if (reasonAt >= 0) {
            reason = line.substring(reasonAt + " reason=".length());
            fields = line.substring(0, reasonAt);
        }
        Map<String, String> values = new HashMap<>();
        for (String field : fields.split(" ")) {
            int eq = field.indexOf('=');
            values.put(field.substring(0, eq), field.substring(eq + 1));
        }
        String effective = values.get("effective");
        return new StateLine(values.get("event"), Boolean.parseBoolean(values.get("acquired")),
                values.get("provider"), Integer.parseInt(values.get("target")),
                "unknown".equals(effective) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(effective)),
                reason);
    }
}
