package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
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
     * The {@code -h} histogram and its trailer, ending with the blank line cyclictest ends it with.
     *
     * @param threads the threads' records, each with buckets of the same range
     * @return the text, lines ending in {@code \n}
     */
    public static String histogram(List<ThreadStats> threads) {
        List<LatencyBuckets> buckets = threads.stream().map(t -> t.buckets().orElseThrow()).toList();
        StringBuilder out = new StringBuilder("# Histogram\n");
        int range = buckets.get(0).rangeMicros();
        for (int micros = 0; micros < range; micros++) {
            out.append(String.format(Locale.ROOT, "%06d ", micros));
            for (int j = 0; j < buckets.size(); j++) {
                out.append(String.format(Locale.ROOT, "%06d", buckets.get(j).count(micros)));
                if (j < buckets.size() - 1) {
                    out.append('\t');
                }
            }
            out.append('\n');
        }
        out.append("# Total:");
        buckets.forEach(b -> out.append(String.format(Locale.ROOT, " %09d", b.total())));
        out.append("\n# Min Latencies:");
        threads.forEach(t -> out.append(String.format(Locale.ROOT, " %05d", t.minMicros())));
        out.append("\n# Avg Latencies:");
        threads.forEach(t -> out.append(String.format(Locale.ROOT, " %05d", t.avgMicros())));
        out.append("\n# Max Latencies:");
        threads.forEach(t -> out.append(String.format(Locale.ROOT, " %05d", t.maxMicros())));
        out.append("\n# Histogram Overflows:");
        buckets.forEach(b -> out.append(String.format(Locale.ROOT, " %05d", b.overflows())));
        out.append("\n# Histogram Overflow at cycle number:\n");
        for (int i = 0; i < buckets.size(); i++) {
            LatencyBuckets b = buckets.get(i);
            out.append("# Thread ").append(i).append(':');
            long[] cycles = b.overflowCycles();
            for (long cycle : cycles) {
                out.append(String.format(Locale.ROOT, " %05d", cycle));
            }
            if (cycles.length < b.overflows()) {
                out.append(String.format(Locale.ROOT, " # %05d others", b.overflows() - cycles.length));
            }
            out.append('\n');
        }
        return out.append('\n').toString();
    }
}
