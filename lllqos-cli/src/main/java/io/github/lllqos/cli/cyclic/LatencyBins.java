package io.github.lllqos.cli.cyclic;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One thread's samples counted into equal-width µs bins for plotting, from 0 to a limit; samples at or beyond the
 * limit are counted apart.
 */
final class LatencyBins {

    private final long[] counts;
    private final double widthMicros;
    private long beyond;

    /**
     * Counts a histogram's samples into bins.
     *
     * @param histogram the samples, ns
     * @param widthMicros the bin width, µs
     * @param bins the number of bins
     */
    LatencyBins(Histogram histogram, double widthMicros, int bins) {
        this.counts = new long[bins];
        this.widthMicros = widthMicros;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            double micros = histogram.medianEquivalentValue(value.getValueIteratedTo()) / 1000.0;
            long bin = (long) Math.floor(micros / widthMicros);
            if (bin < bins) {
                counts[(int) bin] += value.getCountAtValueIteratedTo();
            } else {
                beyond += value.getCountAtValueIteratedTo();
            }
        }
    }

    int size() {
        return counts.length;
    }

    long count(int bin) {
        return counts[bin];
    }

    double widthMicros() {
        return widthMicros;
    }

    /** Samples at or beyond the last bin's end. */
    long beyond() {
        return beyond;
    }

    long largestCount() {
        long largest = 0;
        for (long count : counts) {
            largest = Math.max(largest, count);
        }
        return largest;
    }
}
