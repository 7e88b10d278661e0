package io.github.lllqos.monitor;

import java.time.Instant;

/**
 * Maps JFR's timestamps onto {@link System#nanoTime()}: the offset between the two comes from the latest
 * {@link ClockSampleEvent}, and until one arrives from {@link Instant#now()} read beside {@code nanoTime}.
 */
final class JfrClock {

    private volatile long offsetNanos;

    JfrClock() {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        offsetNanos = epochNanos(now) - (before + (after - before) / 2);
    }

    /** Takes the offset from a clock sample: its end time and the nanoTime read as it was committed. */
    void calibrate(Instant committed, long nanoTime) {
        offsetNanos = epochNanos(committed) - nanoTime;
    }

    /** A JFR timestamp in {@link System#nanoTime()} units. */
    long toNanoTime(Instant instant) {
        return epochNanos(instant) - offsetNanos;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
