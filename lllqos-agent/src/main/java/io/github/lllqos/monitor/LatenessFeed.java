package io.github.lllqos.monitor;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The lateness of the wake-ups measured since the feed's last {@link #drain}, for a consumer that keeps its own
 * distribution (a metrics registry). Each feed has its own position, so feeds and {@link WakeupMonitor#report()}
 * do not take wake-ups from each other. One thread drains a feed at a time; the monitor thread is not involved.
 *
 * <pre>{@code
 * LatenessFeed feed = monitor.latenessFeed();
 * feed.drain((latenessNanos, count) -> myDistribution.record(latenessNanos, count));   // every second or so
 * }</pre>
 */
public final class LatenessFeed {

    /** Receives the wake-ups of one histogram bucket. */
    @FunctionalInterface
    public interface Sink {

        /**
         * Takes {@code count} wake-ups that were about {@code latenessNanos} late (to 3 significant digits).
         *
         * @param latenessNanos the bucket's lateness
         * @param count how many wake-ups fell in it, at least 1
         */
        void accept(long latenessNanos, long count);
    }

    private final WakeupMonitor monitor;
    private final Histogram seen;
    private final Histogram fresh;

    LatenessFeed(WakeupMonitor monitor, Histogram seen) {
        this.monitor = monitor;
        this.seen = seen;
        this.fresh = seen.copy();
        fresh.reset();
    }

    /**
     * Hands the wake-ups measured since the last call (or since the feed was made) to {@code sink}, bucket by
     * bucket, the least late first.
     *
     * @param sink where they go
     * @return how many wake-ups it handed over
     */
    public synchronized long drain(Sink sink) {
        monitor.copyTotalInto(fresh);
        fresh.subtract(seen);
        long handed = 0;
        for (HistogramIterationValue value : fresh.recordedValues()) {
            long count = value.getCountAtValueIteratedTo();
            sink.accept(value.getValueIteratedTo(), count);
            handed += count;
        }
        seen.add(fresh);
        return handed;
    }
}
