package io.github.lllqos.it;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The program's answer to {@code realtime POLICY PRIORITY}: {@code event=realtime method=M policy=P priority=N
 * nice=N tid=N [reason=TEXT]}, as {@link io.github.lllqos.realtime.PriorityChange} reported it.
 */
record RealtimeLine(String method, String policy, OptionalInt priority, OptionalInt nice, long tid, String reason) {

    /** Parses a realtime line. */
    static RealtimeLine parse(String line) {
        Map<String, String> values = ReportFields.parse(line);
        return new RealtimeLine(values.get("method"), values.get("policy"), optional(values.get("priority")),
                optional(values.get("nice")), Long.parseLong(values.get("tid")), values.get("reason"));
    }

    private static OptionalInt optional(String value) {
        return "unknown".equals(value) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }
}
