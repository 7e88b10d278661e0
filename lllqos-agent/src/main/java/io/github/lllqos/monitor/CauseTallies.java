package io.github.lllqos.monitor;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The late wake-ups per cause, and the excess per pause description under jvm-pause. Thread-safe. */
final class CauseTallies {

    private final long thresholdNanos;
    private final Map<LatenessCause, long[]> byCause = new EnumMap<>(LatenessCause.class);
    private final Map<String, Long> pauseExcess = new LinkedHashMap<>();

    CauseTallies(long thresholdNanos) {
        this.thresholdNanos = thresholdNanos;
        for (LatenessCause cause : LatenessCause.values()) {
            byCause.put(cause, new long[3]);
        }
    }

    synchronized void add(Attribution.Verdict verdict, long latenessNanos) {
        long excess = Math.max(0, latenessNanos - thresholdNanos);
        long[] tally = byCause.get(verdict.cause());
        tally[0]++;
        tally[1] = Math.max(tally[1], latenessNanos);
        tally[2] += excess;
        if (verdict.pause() != null) {
            pauseExcess.merge(verdict.pause().description(), excess, Long::sum);
        }
    }

    synchronized Map<LatenessCause, MonitorReport.CauseTally> snapshot() {
        Map<LatenessCause, MonitorReport.CauseTally> copy = new EnumMap<>(LatenessCause.class);
        byCause.forEach((cause, t) -> copy.put(cause, new MonitorReport.CauseTally(t[0], t[1], t[2])));
        return copy;
    }

    synchronized MonitorReport.CauseTally tally(LatenessCause cause) {
        long[] t = byCause.get(cause);
        return new MonitorReport.CauseTally(t[0], t[1], t[2]);
    }

    /** The pause description with the most excess lateness, empty if none. */
    synchronized String worstPause() {
        return pauseExcess.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }
}
