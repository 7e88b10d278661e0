package io.github.lllqos.cli.cyclic;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One thread's samples counted into bins of equal width on a logarithmic µs scale, {@code perDecade} bins per
 * power of ten from {@code lowMicros}; samples below {@code lowMicros} count in the first bin, samples at or above
 * the last bin's end in the last, so every sample is drawn.
 */
final class LatencyBins {

    private final long[] counts;

    /**
     * Counts a histogram's samples into bins.
     *
     * @param histogram the samples, ns
     * @param lowMicros where the first bin starts, µs, above 0
     * @param decades how many powers of ten the bins cover
     * @param perDecade bins per power of ten
     */
    LatencyBins(Histogram histogram, double lowMicros, int decades, int perDecade) {
        this.counts = new long[decades * perDecade];
        for (HistogramIterationValue value : histogram.recordedValues()) {
            double micros = histogram.medianEquivalentValue(value.getValueIteratedTo()) / 1000.0;
            double position = micros <= lowMicros ? 0 : Math.log10(micros / lowMicros) * perDecade;
            int bin = (int) Math.min(counts.length - 1, Math.floor(position));
            counts[bin] += value.getCountAtValueIteratedTo();
        }
    }

    int size() {
        return counts.length;
    }

    long count(int bin) {
        return counts[bin];
    }

    long largestCount() {
        long largest = 0;
        for (long count : counts) {
            largest = Math.max(largest, count);
        }
        return largest;
    }
}
