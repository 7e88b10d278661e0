package io.github.lllqos.cli.cyclic;

import java.util.Arrays;

/**
 * cyclictest's {@code -h} histogram of one thread: a count per whole µs of lateness below the range, the number of
 * samples at or above it, and the cycle numbers of the first overflows (as many as the range has µs). Filled by
 * the measuring thread without allocating; read after it has stopped.
 */
public final class LatencyBuckets {

    /** The header of an array on a 64-bit JVM, rounded up: 12 or 16 bytes. */
    private static final long ARRAY_HEADER_BYTES = 16;

    private final long[] counts;
    private final long[] overflowCycles;
    private long overflows;
    private int overflowCyclesKept;

    /**
     * Creates an empty histogram.
     *
     * @param rangeMicros the number of 1 µs buckets, 1 or more
     */
    public LatencyBuckets(int rangeMicros) {
        if (rangeMicros < 1 || rangeMicros > CyclicSettings.HISTOGRAM_MAX_MICROS) {
            throw new IllegalArgumentException("histogram range must be 1.." + CyclicSettings.HISTOGRAM_MAX_MICROS
                    + " µs, was " + rangeMicros);
        }
        counts = new long[rangeMicros];
        overflowCycles = new long[rangeMicros];
    }

    /**
     * The heap a histogram of this range takes: its two arrays of {@code rangeMicros} longs, the counts and the
     * overflows' cycle numbers (as cyclictest's), each with an array's header.
     *
     * @param rangeMicros the number of 1 µs buckets, 0 for none
     * @return bytes, 0 for no histogram
     */
    public static long heapBytes(int rangeMicros) {
        return rangeMicros <= 0 ? 0 : 2 * (ARRAY_HEADER_BYTES + (long) Long.BYTES * rangeMicros);
    }

    /**
     * Counts one sample.
     *
     * @param micros the lateness in whole µs (negative counts as an overflow, as in cyclictest's unsigned arithmetic)
     * @param cycle the sample's cycle number, from 0
     */
    public void add(long micros, long cycle) {
        if (micros >= 0 && micros < counts.length) {
            counts[(int) micros]++;
        } else {
            overflows++;
            if (overflowCyclesKept < overflowCycles.length) {
                overflowCycles[overflowCyclesKept++] = cycle;
            }
        }
    }

    /** The number of buckets, µs. */
    public int rangeMicros() {
        return counts.length;
    }

    /**
     * The count of one bucket.
     *
     * @param micros the bucket, 0 until {@link #rangeMicros()}
     * @return the samples that were that many whole µs late
     */
    public long count(int micros) {
        return counts[micros];
    }

    /** The samples inside the range. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The samples at or above the range. */
    public long overflows() {
        return overflows;
    }

    /** The cycle numbers of the first overflows, at most {@link #rangeMicros()} of them. */
    public long[] overflowCycles() {
        return Arrays.copyOf(overflowCycles, overflowCyclesKept);
    }
}
