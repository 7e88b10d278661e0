package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CyclictestFormatTest {

    /** cyclictest's thread line, with its field widths: what tools that parse cyclictest's output rely on. */
    static final Pattern STAT_LINE = Pattern.compile(
            "T:(.{2}) \\((.{5})\\) P:(.{2}) I:(\\d+) C:(.{7}) Min:(.{7}) Act:(.{5}) Avg:(.{5}) Max:(.{8})");

    private static ThreadStats threadWith(long... lateNanos) {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 0);
        stats.tid(12345);
        for (long nanos : lateNanos) {
            stats.record(nanos);
        }
        return stats;
    }

    @Test
    void the_thread_line_is_cyclictests_character_for_character() {
        ThreadStats stats = threadWith(5_900, 468_200, 20_100);

        assertThat(CyclictestFormat.statLine(stats))
                .isEqualTo("T: 0 (12345) P:80 I:1000 C:      3 Min:      5 Act:   20 Avg:  164 Max:     468");
    }

    @Test
    void before_the_first_sample_the_line_shows_cyclictests_starting_values() {
        assertThat(CyclictestFormat.statLine(new ThreadStats(1, 1500, 0, -1, 0)))
                .isEqualTo("T: 1 (    0) P: 0 I:1500 C:      0 Min:1000000 Act:    0 Avg:    0 Max:       0");
    }

    @Test
    void the_summary_line_parses_with_the_same_fields_as_the_real_cyclictests() throws Exception {
        Cyclictest.require();
        String real = Cyclictest.run("-l", "50", "-i", "1000", "-q");
        String ours = CyclictestFormat.statLine(threadWith(7_000, 12_000, 9_000));

        List<String> realLines = real.lines().filter(line -> line.startsWith("T:")).toList();
        assertThat(realLines).hasSize(1);
        Matcher realFields = STAT_LINE.matcher(realLines.get(0));
        Matcher ourFields = STAT_LINE.matcher(ours);
        assertThat(realFields.matches()).as(realLines.get(0)).isTrue();
        assertThat(ourFields.matches()).as(ours).isTrue();
        assertThat(realFields.group(5).strip()).isEqualTo("50");
        assertThat(ourFields.group(5).strip()).isEqualTo("3");
        assertThat(ourFields.group(0)).hasSameSizeAs(realFields.group(0));
    }

    @Test
    void the_live_screen_has_the_shape_of_the_real_cyclictests() throws Exception {
        Cyclictest.require();
        String real = Cyclictest.run("-l", "30", "-i", "1000");
        StringWriter ours = new StringWriter();
        LiveDisplay display = new LiveDisplay(new PrintWriter(ours), new PrintWriter(new StringWriter()),
                SchedPolicy.OTHER, false);
        boolean held;
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {
            held = lease.acquired();
            display.leaseTaken(lease);
        }
        List<ThreadStats> threads = List.of(threadWith(7_000));
        display.progress(threads);
        display.progress(threads);

        List<String> ourShape = shape(ours.toString());
        assertThat(ourShape).as("the lease line (where the device can be used), then the screen twice")
                .hasSize(held ? 7 : 6);
        assertThat(ourShape).isEqualTo(shape(real).subList(0, ourShape.size()));
    }

    @Test
    void the_histogram_has_the_shape_of_the_real_cyclictests() throws Exception {
        Cyclictest.require();
        String real = Cyclictest.run("-l", "100", "-i", "1000", "-q", "-h", "5", "-t", "2");
        ThreadStats first = new ThreadStats(0, 1000, 0, -1, 5);
        ThreadStats second = new ThreadStats(1, 1000, 0, -1, 5);
        for (long nanos : new long[] {1_000, 3_500, 40_000, 6_000}) {
            first.record(nanos);
            second.record(nanos / 2);
        }

        String ours = histogram(List.of(first, second));

        assertThat(shape(ours)).isEqualTo(shape(real.substring(real.indexOf("# Histogram"))));
        assertThat(ours).contains("000003 000001\t000001\n", "# Total: 000000002 000000003\n",
                "# Histogram Overflows: 00002 00001\n", "# Thread 0: 00002 00003\n");
    }

    @Test
    void the_histogram_counts_the_overflows_it_cannot_list() {
        ThreadStats stats = new ThreadStats(0, 1000, 0, -1, 2);
        for (int i = 0; i < 5; i++) {
            stats.record(10_000);
        }

        assertThat(histogram(List.of(stats)))
                .contains("# Histogram Overflows: 00005\n", "# Thread 0: 00000 00001 # 00003 others\n");
    }

    private static String histogram(List<ThreadStats> threads) {
        StringWriter text = new StringWriter();
        CyclictestFormat.writeHistogram(threads, new PrintWriter(text));
        return text.toString();
    }

    /** Each line with its numbers and load figures replaced, so that two runs' outputs can be compared. */
    static List<String> shape(String output) {
        return output.lines()
                .map(line -> line.replaceAll("loadavg: .*$", "loadavg: L"))
                .map(line -> line.replaceAll("\\(\\s*\\d+\\)", "(tid)"))
                .map(line -> line.replaceAll("^(# Thread \\d+:).*$", "$1 cycles"))
                .map(line -> line.replaceAll(":\\s*\\d+", ":9"))
                .map(line -> line.replaceAll("\\d+", "9"))
                .toList();
    }
}
