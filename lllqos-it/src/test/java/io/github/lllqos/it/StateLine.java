package io.github.lllqos.it;

import java.util.Map;
import java.util.OptionalInt;

/**
 * One state line of the lease-holding program: {@code event=E acquired=B provider=P target=N effective=N|unknown
 * [reason=TEXT]}.
 */
record StateLine(String event, boolean acquired, String provider, int target, OptionalInt effective, String reason) {

    /** Parses a state line ({@code start}, {@code updated} or {@code closed}). */
    static StateLine parse(String line) {
        Map<String, String> values = ReportFields.parse(line);
        String effective = values.get("effective");
        return new StateLine(values.get("event"), Boolean.parseBoolean(values.get("acquired")),
                values.get("provider"), Integer.parseInt(values.get("target")),
                "unknown".equals(effective) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(effective)),
                values.get("reason"));
    }
}
