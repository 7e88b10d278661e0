package io.github.lllqos.realtime;

/**
 * The margin of {@link Periodic#withAdaptiveSpin()}, learned from how late its sleeps wake up: a running estimate
 * of their {@value Periodic#ADAPTIVE_QUANTILE} quantile in a fixed histogram of {@value #BUCKETS} buckets of
 * {@value #BUCKET_NANOS} ns (0 to 500 µs, and one bucket for anything later), whose counts are halved every
 * {@value #HALVE_EVERY} samples so the estimate follows the machine's load: a sample counts half as much with
 * every 4,096 sleeps after it, so a tail the machine no longer has fades within some 40,000 sleeps. The margin is the upper edge of the quantile's bucket, between {@link Periodic#ADAPTIVE_SPIN_MIN} and
 * {@link Periodic#ADAPTIVE_SPIN_MAX} or half the period; {@link Periodic#ADAPTIVE_SPIN_INITIAL} (at most half the
 * period) until {@value Periodic#ADAPTIVE_WARM_UP} sleeps were seen. Recording allocates nothing; every
 * {@value #ADAPT_EVERY} samples it scans the buckets, which {@link Periodic} does before it sleeps, off the
 * critical path.
 */
final class AdaptiveSpinMargin {

    static final int BUCKET_NANOS = 500;
    static final int BUCKETS = 1000;
    static final int HALVE_EVERY = 4096;
    static final int ADAPT_EVERY = 64;

    private final int[] counts = new int[BUCKETS + 1];
    private final long ceiling;
    private long total;
    private int sinceHalving;
    private long samples;
    private long margin;

    AdaptiveSpinMargin(long periodNanos) {
        this.ceiling = Math.min(Periodic.ADAPTIVE_SPIN_MAX.toNanos(), periodNanos / 2);
        this.margin = Math.min(Periodic.ADAPTIVE_SPIN_INITIAL.toNanos(), periodNanos / 2);
    }

    /** The margin to spin before the next deadline, ns. */
    long nanos() {
        return margin;
    }

    /** Every sample recorded, halving aside. */
    long samples() {
        return samples;
    }

    /**
     * Counts how late one sleep woke up, and every {@value #ADAPT_EVERY} samples after the warm-up moves the margin
     * to the current estimate.
     *
     * @param latenessNanos the wake-up time minus the time asked for
     */
    void record(long latenessNanos) {
        int bucket = latenessNanos <= 0 ? 0 : (int) Math.min(BUCKETS, latenessNanos / BUCKET_NANOS);
        counts[bucket]++;
        total++;
        samples++;
        if (++sinceHalving == HALVE_EVERY) {
            sinceHalving = 0;
            total = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] >>= 1;
                total += counts[i];
            }
        }
        if (samples >= Periodic.ADAPTIVE_WARM_UP && samples % ADAPT_EVERY == 0) {
            long wanted = upperBound(Periodic.ADAPTIVE_QUANTILE);
            margin = Math.max(Periodic.ADAPTIVE_SPIN_MIN.toNanos(), Math.min(ceiling, wanted));
        }
    }

    /**
     * The upper edge of the bucket that holds the quantile: a lateness that {@code quantile} of the recent sleeps
     * did not exceed.
     *
     * @param quantile in (0, 1)
     * @return nanoseconds; {@link Long#MAX_VALUE} when the quantile lies beyond 500 µs or nothing was recorded
     */
    long upperBound(double quantile) {
        if (total == 0) {
            return Long.MAX_VALUE;
        }
        long needed = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            seen += counts[bucket];
            if (seen >= needed) {
                return (bucket + 1L) * BUCKET_NANOS;
            }
        }
        return Long.MAX_VALUE;
    }
}
