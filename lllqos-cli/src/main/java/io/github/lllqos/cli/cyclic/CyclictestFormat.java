package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The text cyclictest prints, character for character, so that what parses cyclictest's output parses ours. */
public final class CyclictestFormat {

    private CyclictestFormat() {
    }

    /**
     * The line cyclictest writes when it takes the CPU latency request.
     *
     * @param micros the value written
     * @return {@code # /dev/cpu_dma_latency set to 0us}
     */
    public static String latencySet(int micros) {
        return "# /dev/cpu_dma_latency set to " + micros + "us";
    }

    /**
     * The live header line, without the blank line cyclictest prints after it. As in cyclictest, a policy that is
     * not real-time is shown as asked for and as run: {@code other/other}, {@code batch/other}.
     *
     * @param policy the policy asked for
     * @param loadavg the content of {@code /proc/loadavg}, without its newline
     * @return {@code policy: fifo: loadavg: 0.37 0.55 0.39 4/133 11214          }
     */
    public static String header(SchedPolicy policy, String loadavg) {
        String name = PolicyNames.name(policy) + (policy.isRealtimeClass() ? "" : "/other");
        return "policy: " + name + ": loadavg: " + loadavg + "          ";
    }

    /**
     * The line of one thread, live and in the summary.
     *
     * @param stats the thread's record
     * @return {@code T: 0 (11214) P:80 I:1000 C:   5000 Min:      5 Act:   20 Avg:   18 Max:     468}
     */
    public static String statLine(ThreadStats stats) {
        return String.format(Locale.ROOT, "T:%2d (%5d) P:%2d I:%d C:%7d Min:%7d Act:%5d Avg:%5d Max:%8d",
                stats.index(), stats.tid(), stats.priority(), stats.intervalMicros(), stats.cycles(),
                stats.minMicros(), stats.actMicros(), stats.avgMicros(), stats.maxMicros());
    }

    /**
     * The ANSI escape that moves the cursor back over the header, the blank line and the thread lines.
     *
     * @param threads the number of thread lines
     * @return {@code ESC [ n A}
     */
    public static String cursorUp(int threads) {
        return "\033[" + (threads + 2) + "A";
    }

    /**
     * Writes the {@code -h} histogram and its trailer, ending with the blank line cyclictest ends it with, a line at
     * a time: at {@code -h 1000000} the text is millions of characters, more than a small heap holds as one string.
     *
     * @param threads the threads' records, each with buckets of the same range
     * @param out where to write it, lines ending in {@code \n}
     */
    public static void writeHistogram(List<ThreadStats> threads, PrintWriter out) {
        List<LatencyBuckets> buckets = threads.stream().map(t -> t.buckets().orElseThrow()).toList();
        out.print("# Histogram\n");
        int range = buckets.get(0).rangeMicros();
        for (int micros = 0; micros < range; micros++) {
            out.print(String.format(Locale.ROOT, "%06d ", micros));
            for (int j = 0; j < buckets.size(); j++) {
                out.print(String.format(Locale.ROOT, "%06d", buckets.get(j).count(micros)));
                if (j < buckets.size() - 1) {
                    out.print('\t');
                }
            }
            out.print('\n');
        }
        out.print("# Total:");
        buckets.forEach(b -> out.print(String.format(Locale.ROOT, " %09d", b.total())));
        out.print("\n# Min Latencies:");
        threads.forEach(t -> out.print(String.format(Locale.ROOT, " %05d", t.minMicros())));
        out.print("\n# Avg Latencies:");
        threads.forEach(t -> out.print(String.format(Locale.ROOT, " %05d", t.avgMicros())));
        out.print("\n# Max Latencies:");
        threads.forEach(t -> out.print(String.format(Locale.ROOT, " %05d", t.maxMicros())));
        out.print("\n# Histogram Overflows:");
        buckets.forEach(b -> out.print(String.format(Locale.ROOT, " %05d", b.overflows())));
        out.print("\n# Histogram Overflow at cycle number:\n");
        for (int i = 0; i < buckets.size(); i++) {
            LatencyBuckets b = buckets.get(i);
            out.print("# Thread " + i + ':');
            long[] cycles = b.overflowCycles();
            for (long cycle : cycles) {
                out.print(String.format(Locale.ROOT, " %05d", cycle));
            }
            if (cycles.length < b.overflows()) {
                out.print(String.format(Locale.ROOT, " # %05d others", b.overflows() - cycles.length));
            }
            out.print('\n');
        }
        out.print('\n');
    }
}
