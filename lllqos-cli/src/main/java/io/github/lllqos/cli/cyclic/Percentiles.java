package io.github.lllqos.cli.cyclic;

import java.util.Locale;

/** The percentile lines printed after cyclictest's summary; comment lines, so cyclictest parsers skip them. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * One thread's percentiles of lateness, µs with 0.1 µs shown (3 significant digits are kept).
     *
     * @param stats the thread's record, stopped
     * @return {@code # T: 0 p50:     17.4 p99:     40.1 p99.9:    120.5 max:    468.0 (us)}
     */
    public static String line(ThreadStats stats) {
        return String.format(Locale.ROOT, "# T:%2d p50:%9.1f p99:%9.1f p99.9:%9.1f max:%9.1f (us)", stats.index(),
                micros(stats.percentileNanos(50)), micros(stats.percentileNanos(99)),
                micros(stats.percentileNanos(99.9)), micros(stats.maxNanos()));
    }

    static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
