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

    /**
     * One thread's spinning cost, for {@code --spin}: the margin at the end, the spin time per activation and in
     * all, and the share of one CPU it took over the activations' periods.
     *
     * @param stats the thread's record, stopped
     * @param spin what was asked
     * @return {@code # T: 0 spin: margin 12.5 us (auto), 10.9 us per activation, 109.4 ms in all, 1.09% of a CPU}
     */
    public static String spinLine(ThreadStats stats, SpinFinish spin) {
        long cycles = Math.max(1, stats.cycles());
        double perActivation = micros(stats.spinNanos()) / cycles;
        double share = stats.spinNanos() / (cycles * stats.intervalMicros() * 1000.0);
        return String.format(Locale.ROOT, "# T:%2d spin: margin %.1f us (%s), %.1f us per activation, %.1f ms in"
                + " all, %.2f%% of a CPU", stats.index(), micros(stats.spinMarginNanos()), spin, perActivation,
                stats.spinNanos() / 1e6, share * 100);
    }

    static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
