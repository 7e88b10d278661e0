package io.github.lllqos.cli.cyclic;

import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The record of one measuring thread. The thread itself calls {@link #record(long)} once per activation; that
 * allocates nothing. The live figures (cycles, min, act, max, sum) may be read by another thread at any time, as
 * cyclictest's display reads them; the full histogram only after the thread has stopped.
 */
public final class ThreadStats {

    /** The largest lateness the percentile histogram tells apart: 10 s; later samples are counted as 10 s. */
    public static final long HIGHEST_TRACKED_NANOS = 10_000_000_000L;

    /** cyclictest's Min before the first sample. */
    public static final long NO_MIN = 1_000_000;

    private final int index;
    private final long intervalMicros;
    private final int priority;
    private final int cpu;
    private final Histogram nanos = percentileHistogram();
    private final LatencyBuckets buckets;

    private volatile int tid;
    private volatile long cycles;
    private volatile long minMicros = NO_MIN;
    private volatile long maxMicros;
    private volatile long actMicros;
    private volatile long sumMicros;
    private long maxNanos;
    private volatile long spinNanos;
    private volatile long spinMarginNanos;
    private volatile long skippedActivations;
    private volatile long blocks = -1;

    /**
     * Creates the record of one thread.
     *
     * @param index the thread number, from 0
     * @param intervalMicros its period, µs
     * @param priority its real-time priority (0 if none)
     * @param cpu the CPU it is pinned to, or -1
     * @param histogramMicros the range of its per-µs histogram, 0 for none
     */
    public ThreadStats(int index, long intervalMicros, int priority, int cpu, int histogramMicros) {
        this.index = index;
        this.intervalMicros = intervalMicros;
        this.priority = priority;
        this.cpu = cpu;
        this.buckets = histogramMicros > 0 ? new LatencyBuckets(histogramMicros) : null;
    }

    /**
     * The heap one thread's record takes, almost all of it in its histograms, allocated when it is created: the
     * percentile histogram (about 200 KB, whatever the run) and the {@code -h} buckets ({@link
     * LatencyBuckets#heapBytes}).
     *
     * @param histogramMicros the range of the per-µs histogram, 0 for none
     * @return bytes
     */
    public static long heapBytes(int histogramMicros) {
        return PercentileHistogramBytes.BYTES + LatencyBuckets.heapBytes(histogramMicros);
    }

    private static Histogram percentileHistogram() {
        return new Histogram(1, HIGHEST_TRACKED_NANOS, 3);
    }

    /** The footprint of the percentile histogram, as HdrHistogram reckons it, worked out on first use. */
    private static final class PercentileHistogramBytes {
        static final long BYTES = percentileHistogram().getEstimatedFootprintInBytes();
    }

    /**
     * Records one activation, allocation-free. The µs figures truncate as cyclictest's do; the percentile histogram
     * keeps the ns (to 3 significant digits).
     *
     * @param lateNanos how long after its deadline the thread ran
     */
    public void record(long lateNanos) {
        long micros = lateNanos / 1000;
        long cycle = cycles;
        if (micros < minMicros) {
            minMicros = micros;
        }
        if (micros > maxMicros) {
            maxMicros = micros;
        }
        if (lateNanos > maxNanos) {
            maxNanos = lateNanos;
        }
        actMicros = micros;
        sumMicros += micros;
        nanos.recordValue(Math.max(0, Math.min(lateNanos, HIGHEST_TRACKED_NANOS)));
        if (buckets != null) {
            buckets.add(micros, cycle);
        }
        cycles = cycle + 1;
    }

    /**
     * Sets what spinning cost, once the thread has stopped.
     *
     * @param totalNanos the time spent spinning over all activations
     * @param marginNanos the margin spun before each deadline at the end (the learned one with {@code --spin auto})
     */
    public void spin(long totalNanos, long marginNanos) {
        this.spinNanos = totalNanos;
        this.spinMarginNanos = marginNanos;
    }

    /**
     * Sets how many activations were skipped, once the thread has stopped.
     *
     * @param skipped activations whose time had passed when the thread was ready to wait for them
     */
    public void skipped(long skipped) {
        this.skippedActivations = skipped;
    }

    /**
     * Sets how many of a deadline thread's jobs blocked, once it has stopped.
     *
     * @param blocks the jobs in which it had a voluntary context switch
     */
    public void blocks(long blocks) {
        this.blocks = blocks;
    }

    /**
     * How many of a deadline thread's jobs blocked, as {@link io.github.lllqos.realtime.Periodic#blocks()} counts
     * them; after each, the activations follow the period the kernel started again. Counted for deadline threads
     * only, since a sleeping thread blocks once each activation.
     *
     * @return the count, empty until the thread has stopped, for other policies, or where it cannot be read
     */
    public OptionalLong blocks() {
        return blocks < 0 ? OptionalLong.empty() : OptionalLong.of(blocks);
    }

    /**
     * How many activations were skipped because their time had passed.
     *
     * @return the count, 0 until the thread has stopped
     */
    public long skippedActivations() {
        return skippedActivations;
    }

    /**
     * The time spent spinning over all activations.
     *
     * @return nanoseconds, 0 without {@code --spin}
     */
    public long spinNanos() {
        return spinNanos;
    }

    /**
     * The margin spun before each deadline at the end of the run.
     *
     * @return nanoseconds, 0 without {@code --spin}
     */
    public long spinMarginNanos() {
        return spinMarginNanos;
    }

    /**
     * Sets the Linux thread id shown in the T: line; called by the measuring thread when it starts.
     *
     * @param tid the thread id
     */
    public void tid(int tid) {
        this.tid = tid;
    }

    /** The thread number, from 0. */
    public int index() {
        return index;
    }

    /** The Linux thread id, 0 until the thread has started. */
    public int tid() {
        return tid;
    }

    /** The period, µs. */
    public long intervalMicros() {
        return intervalMicros;
    }

    /** The real-time priority, 0 if none. */
    public int priority() {
        return priority;
    }

    /** The CPU the thread is pinned to, -1 if none. */
    public int cpu() {
        return cpu;
    }

    /** Activations recorded so far. */
    public long cycles() {
        return cycles;
    }

    /** The smallest lateness so far, whole µs; {@link #NO_MIN} before the first. */
    public long minMicros() {
        return minMicros;
    }

    /** The largest lateness so far, whole µs. */
    public long maxMicros() {
        return maxMicros;
    }

    /** The latest lateness, whole µs. */
    public long actMicros() {
        return actMicros;
    }

    /** The sum of the whole-µs latenesses, for cyclictest's average. */
    public long sumMicros() {
        return sumMicros;
    }

    /** The average as cyclictest prints it: the sum of whole µs over the cycles, truncated; 0 before the first. */
    public long avgMicros() {
        long n = cycles;
        return n == 0 ? 0 : sumMicros / n;
    }

    /** The largest lateness in ns, exact; read after the thread has stopped. */
    public long maxNanos() {
        return maxNanos;
    }

    /**
     * A percentile of the lateness in ns (to 3 significant digits); read after the thread has stopped.
     *
     * @param percentile 0..100
     * @return the lateness at or below which that share of activations ran
     */
    public long percentileNanos(double percentile) {
        return nanos.getValueAtPercentile(percentile);
    }

    /** The ns histogram of every sample; read after the thread has stopped. */
    public Histogram histogram() {
        return nanos;
    }

    /** The per-µs histogram, if {@code -h} asked for one; read after the thread has stopped. */
    public Optional<LatencyBuckets> buckets() {
        return Optional.ofNullable(buckets);
    }
}
