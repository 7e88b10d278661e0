package io.github.lllqos.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the monitor found: the lateness of every wake-up, the late ones per cause, the JVM's pauses, and advice
 * drawn from them. {@link #toJson()} writes the keys that scripts rely on (they are fixed); {@link #toText()} is
 * for people.
 *
 * @param samples wake-ups measured
 * @param intervalNanos the period
 * @param lateThresholdNanos lateness above which a wake-up was attributed
 * @param lateness percentiles and maximum of all wake-ups' lateness
 * @param causes per cause, the late wake-ups attributed to it (every cause present)
 * @param jvmPauses every JVM safepoint JFR reported, late wake-up or not
 * @param pauseKinds the same per VM operation, the longest total first
 * @param pending late wake-ups still waiting for the JFR events that decide their cause
 * @param dropped late wake-ups lost because attribution fell behind (counted in {@code lateness} all the same)
 * @param scheduling how the monitor thread ran, and why not as asked
 * @param provider the lllqos provider that scheduled it: {@code linux}, or {@code fake} for the simulated kernel
 * @param advice what to change, drawn from the figures
 */
public record MonitorReport(long samples, long intervalNanos, long lateThresholdNanos, Lateness lateness,
                            Map<LatenessCause, CauseTally> causes, PauseTally jvmPauses, List<PauseKind> pauseKinds,
                            long pending, long dropped, String scheduling, String provider,
                            List<String> advice) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Lateness percentiles, to HdrHistogram's 3 significant digits, and the exact maximum.
     *
     * @param p50Nanos the median
     * @param p99Nanos the 99th percentile
     * @param p999Nanos the 99.9th percentile
     * @param maxNanos the largest
     */
    public record Lateness(long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos) {
    }

    /**
     * The late wake-ups of one cause.
     *
     * @param count how many
     * @param maxNanos the largest lateness among them
     * @param excessNanos their lateness beyond the threshold, summed
     */
    public record CauseTally(long count, long maxNanos, long excessNanos) {
    }

    /**
     * JVM pauses.
     *
     * @param count how many
     * @param longestNanos the longest
     * @param totalNanos all of them together
     */
    public record PauseTally(long count, long longestNanos, long totalNanos) {
    }

    /**
     * The pauses of one VM operation.
     *
     * @param operation such as {@code "G1CollectForAllocation"}
     * @param gcCauses the causes of the collections they were part of, such as {@code "G1 Evacuation Pause"}
     * @param tally their count, longest and total
     */
    public record PauseKind(String operation, List<String> gcCauses, PauseTally tally) {

        /**
         * Copies the list.
         */
        public PauseKind {
            Objects.requireNonNull(operation, "operation");
            gcCauses = List.copyOf(gcCauses);
            Objects.requireNonNull(tally, "tally");
        }
    }

    /**
     * Copies the collections, so a report never changes.
     */
    public MonitorReport {
        Objects.requireNonNull(lateness, "lateness");
        EnumMap<LatenessCause, CauseTally> all = new EnumMap<>(LatenessCause.class);
        for (LatenessCause cause : LatenessCause.values()) {
            all.put(cause, causes.getOrDefault(cause, new CauseTally(0, 0, 0)));
        }
        causes = java.util.Collections.unmodifiableMap(all);
        Objects.requireNonNull(jvmPauses, "jvmPauses");
        pauseKinds = List.copyOf(pauseKinds);
        Objects.requireNonNull(scheduling, "scheduling");
        Objects.requireNonNull(provider, "provider");
        advice = List.copyOf(advice);
    }

    /**
     * The late wake-ups of one cause.
     *
     * @param cause the cause
     * @return its tally, zeros when there were none
     */
    public CauseTally cause(LatenessCause cause) {
        return causes.get(cause);
    }

    /**
     * The report as JSON, with at least the keys {@code samples}, {@code interval_ns}, {@code lateness_ns}
     * ({@code p50}, {@code p99}, {@code p999}, {@code max}), {@code causes} (per cause key {@code count},
     * {@code max_ns}, {@code excess_ns}) and {@code jvm_pauses} ({@code count}, {@code longest_ns},
     * {@code total_ns}).
     *
     * @return indented JSON text
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("samples", samples);
        root.put("interval_ns", intervalNanos);
        root.put("late_ns", lateThresholdNanos);
        ObjectNode late = root.putObject("lateness_ns");
        late.put("p50", lateness.p50Nanos());
        late.put("p99", lateness.p99Nanos());
        late.put("p999", lateness.p999Nanos());
        late.put("max", lateness.maxNanos());
        ObjectNode byCause = root.putObject("causes");
        causes.forEach((cause, tally) -> {
            ObjectNode node = byCause.putObject(cause.key());
            node.put("count", tally.count());
            node.put("max_ns", tally.maxNanos());
            node.put("excess_ns", tally.excessNanos());
        });
        ObjectNode pauses = root.putObject("jvm_pauses");
        putPauses(pauses, jvmPauses);
        ArrayNode kinds = pauses.putArray("kinds");
        for (PauseKind kind : pauseKinds) {
            ObjectNode node = kinds.addObject();
            node.put("operation", kind.operation());
            ArrayNode gcCauses = node.putArray("gc_causes");
            kind.gcCauses().forEach(gcCauses::add);
            putPauses(node, kind.tally());
        }
        root.put("pending", pending);
        root.put("dropped", dropped);
        root.put("scheduling", scheduling);
        root.put("provider", provider);
        ArrayNode advised = root.putArray("advice");
        advice.forEach(advised::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of numbers and strings did not serialise", e);
        }
    }

    private static void putPauses(ObjectNode node, PauseTally tally) {
        node.put("count", tally.count());
        node.put("longest_ns", tally.longestNanos());
        node.put("total_ns", tally.totalNanos());
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @param json the text
     * @return the report
     * @throws IllegalArgumentException if the text is not such a report, naming what is missing
     */
    public static MonitorReport fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode late = required(root, "lateness_ns");
        Map<LatenessCause, CauseTally> causes = new EnumMap<>(LatenessCause.class);
        JsonNode byCause = required(root, "causes");
        for (LatenessCause cause : LatenessCause.values()) {
            JsonNode node = required(byCause, cause.key());
            causes.put(cause, new CauseTally(number(node, "count"), number(node, "max_ns"), number(node, "excess_ns")));
        }
        JsonNode pauses = required(root, "jvm_pauses");
        List<PauseKind> kinds = new ArrayList<>();
        for (JsonNode node : pauses.path("kinds")) {
            List<String> gcCauses = new ArrayList<>();
            node.path("gc_causes").forEach(c -> gcCauses.add(c.asText()));
            kinds.add(new PauseKind(node.path("operation").asText(), gcCauses, pauses(node)));
        }
        List<String> advice = new ArrayList<>();
        root.path("advice").forEach(a -> advice.add(a.asText()));
        return new MonitorReport(number(root, "samples"), number(root, "interval_ns"), root.path("late_ns").asLong(),
                new Lateness(number(late, "p50"), number(late, "p99"), number(late, "p999"), number(late, "max")),
                causes, pauses(pauses), kinds, root.path("pending").asLong(), root.path("dropped").asLong(),
                root.path("scheduling").asText(""), root.path("provider").asText(""), advice);
    }

    private static PauseTally pauses(JsonNode node) {
        return new PauseTally(number(node, "count"), number(node, "longest_ns"), number(node, "total_ns"));
    }

    private static JsonNode required(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("not a monitor report: no object \"" + key + "\"");
        }
        return value;
    }

    private static long number(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("not a monitor report: no number \"" + key + "\"");
        }
        return value.asLong();
    }

    /**
     * The report for people: lateness, the late wake-ups per cause, the pauses, and the advice.
     *
     * @return lines of text
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d wake-ups every %s, late above %s; %s; provider %s%n", samples,
                time(intervalNanos), time(lateThresholdNanos), scheduling, provider));
        text.append(String.format(Locale.ROOT, "lateness  p50 %s  p99 %s  p99.9 %s  max %s%n",
                time(lateness.p50Nanos()), time(lateness.p99Nanos()), time(lateness.p999Nanos()),
                time(lateness.maxNanos())));
        text.append(String.format(Locale.ROOT, "%-12s %8s %12s %12s%n", "late by", "count", "worst", "excess"));
        causes.forEach((cause, tally) -> text.append(String.format(Locale.ROOT, "%-12s %8d %12s %12s%n",
                cause.key(), tally.count(), time(tally.maxNanos()), time(tally.excessNanos()))));
        if (pending > 0 || dropped > 0) {
            text.append(String.format(Locale.ROOT, "(%d late wake-ups await their JFR events, %d were dropped)%n",
                    pending, dropped));
        }
        text.append(String.format(Locale.ROOT, "JVM pauses %d, longest %s, total %s%n", jvmPauses.count(),
                time(jvmPauses.longestNanos()), time(jvmPauses.totalNanos())));
        for (PauseKind kind : pauseKinds.subList(0, Math.min(5, pauseKinds.size()))) {
            text.append(String.format(Locale.ROOT, "  %-32s %6d  longest %10s  total %10s%s%n", kind.operation(),
                    kind.tally().count(), time(kind.tally().longestNanos()), time(kind.tally().totalNanos()),
                    kind.gcCauses().isEmpty() ? "" : "  " + String.join(", ", kind.gcCauses())));
        }
        advice.forEach(line -> text.append("advice: ").append(line).append(System.lineSeparator()));
        return text.toString();
    }

    /** A duration in the unit that suits it: {@code 870 ns}, {@code 63.2 µs}, {@code 12.96 ms}, {@code 1.27 s}. */
    static String time(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
