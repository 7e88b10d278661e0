package io.github.lllqos.jmh;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.Outcome;
import io.github.lllqos.Periodic;
import io.github.lllqos.Realtime;
import io.github.lllqos.SchedPolicy;
import java.time.Duration;

/**
 * Wake-up lateness of {@link Periodic} set up as {@code cyclictest -m -p PRIO -i INTERVAL --policy=fifo -h N}
 * runs: memory locked, SCHED_FIFO, a 0 µs CPU latency request, one thread, missed periods skipped. Prints a
 * histogram in cyclictest's {@code -h} format (whole microseconds) so {@code jmh/compare-cyclictest.sh} reads
 * both alike. The loop is warmed up first on a 20 µs schedule so the JIT has compiled it.
 *
 * <pre>java -cp jmh/target/benchmarks.jar io.github.lllqos.jmh.PeriodicLateness --loops 10000 --interval-us 1000
 *     --priority 80 --histogram-us 10000</pre>
 */
public final class PeriodicLateness {

    private static final int WARMUP_ACTIVATIONS = 50_000;

    private PeriodicLateness() {
    }

    /**
     * Measures and prints the histogram.
     *
     * @param args {@code --loops N --interval-us N --priority N --histogram-us N}
     */
    public static void main(String[] args) {
        int loops = option(args, "--loops", 10_000);
        int intervalMicros = option(args, "--interval-us", 1000);
        int priority = option(args, "--priority", 80);
        int histogramMicros = option(args, "--histogram-us", 10_000);

        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(0)) {
            System.out.println("# CPU latency request of 0us: " + (lease.acquired() ? "held"
                    : "not held, " + lease.notAcquiredReason().orElseThrow()));
            Outcome<Long> locked = Realtime.lockMemory().requireApplied();
            System.out.println("# memory locked: " + locked.value().orElseThrow() / 1024 + " kB");
            Realtime.elevatePriority(SchedPolicy.FIFO, priority).requireRealtime();

            warmUp();
            long[] histogram = new long[histogramMicros];
            Periodic periodic = Periodic.every(Duration.ofNanos(intervalMicros * 1000L));
            long overflows = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            long sum = 0;
            for (int i = 0; i < loops; i++) {
                long deadline = periodic.awaitNext();
                long lateness = System.nanoTime() - deadline;
                long micros = lateness / 1000;
                if (micros < histogramMicros) {
                    histogram[(int) micros]++;
                } else {
                    overflows++;
                }
                min = Math.min(min, lateness);
                max = Math.max(max, lateness);
                sum += lateness;
            }
            Realtime.lowerPriority(0);
            print(histogram, overflows, loops, min, sum, max, periodic.skipped());
        } finally {
            Realtime.unlockMemory();
        }
    }

    /** Runs the same loop on a short period until the JIT has compiled it. */
    private static void warmUp() {
        Periodic warmUp = Periodic.every(Duration.ofNanos(20_000));
        long sink = 0;
        for (int i = 0; i < WARMUP_ACTIVATIONS; i++) {
            sink += System.nanoTime() - warmUp.awaitNext();
        }
        System.out.println("# warm-up: " + WARMUP_ACTIVATIONS + " activations, " + sink / WARMUP_ACTIVATIONS
                + " ns average lateness");
    }

    private static void print(long[] histogram, long overflows, int loops, long min, long sum, long max,
                              long skipped) {
        StringBuilder out = new StringBuilder("# Histogram\n");
        for (int micros = 0; micros < histogram.length; micros++) {
            out.append(String.format("%06d %06d%n", micros, histogram[micros]));
        }
        out.append(String.format("# Total: %09d%n", loops));
        out.append(String.format("# Min Latencies: %.3f us%n", min / 1000.0));
        out.append(String.format("# Avg Latencies: %.3f us%n", sum / 1000.0 / loops));
        out.append(String.format("# Max Latencies: %.3f us%n", max / 1000.0));
        out.append(String.format("# Histogram Overflows: %05d%n", overflows));
        out.append(String.format("# Skipped periods: %d%n", skipped));
        System.out.print(out);
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " takes a whole number, was " + args[i + 1], e);
                }
            }
        }
        return fallback;
    }
}
