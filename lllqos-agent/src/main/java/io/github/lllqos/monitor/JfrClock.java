package io.github.lllqos.monitor;

import java.time.Instant;

/**
 * Maps JFR's timestamps onto {@link System#nanoTime()}: the offset between the two comes from the recent
 * {@link ClockSampleEvent}s, and until one arrives from {@link Instant#now()} read beside {@code nanoTime}. A sample
 * reads nanoTime before JFR stamps its commit, so a thread preempted between the two makes the offset too large,
 * never too small: the smallest of the last {@value #SAMPLES} is taken.
 */
final class JfrClock {

    static final int SAMPLES = 8;

    private final long[] recent = new long[SAMPLES];
    private int taken;
    private volatile long offsetNanos;

    JfrClock() {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        offsetNanos = epochNanos(now) - (before + (after - before) / 2);
    }

    /** Takes the offset from a clock sample: its end time and the nanoTime read as it was committed. */
    synchronized void calibrate(Instant committed, long nanoTime) {
        recent[taken++ % SAMPLES] = epochNanos(committed) - nanoTime;
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(taken, SAMPLES); i++) {
            smallest = Math.min(smallest, recent[i]);
        }
        offsetNanos = smallest;
    }

    /** A JFR timestamp in {@link System#nanoTime()} units. */
    long toNanoTime(Instant instant) {
        return epochNanos(instant) - offsetNanos;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
