package io.github.lllqos.cli.cyclic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.github.lllqos.realtime.SchedPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    private static final SystemInfo MACHINE = new SystemInfo("Linux", "vm", "6.18", "#1 SMP", "x86_64", false);

    private static CyclicResult result(int histogramMicros, ThreadStats... threads) {
        CyclicSettings settings = new CyclicSettings(1000, 500, 3, SchedPolicy.FIFO, 80, true, Optional.empty(),
                threads.length, histogramMicros, OptionalInt.of(0), Duration.ZERO);
        return new CyclicResult(settings, List.of(threads), Instant.parse("2026-11-22T03:00:00Z"),
                Instant.parse("2026-11-22T03:00:01Z"), true, Optional.empty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Object parse(String json) throws IOException {
        return new ObjectMapper().readValue(json, Object.class);
    }

    @Test
    void the_report_is_json_with_cyclictests_fields_and_the_percentiles() throws IOException {
        ThreadStats stats = new ThreadStats(0, 1000, 80, 1, 10);
        stats.tid(4242);
        stats.record(3_000);
        stats.record(3_400);
        stats.record(12_000);

        Map<String, Object> json = map(parse(JsonReport.render(result(10, stats),
                "lllqos cyclic -p 80 \"quoted\"", 0, MACHINE)));

        assertThat(json).containsEntry("file_version", 1).containsEntry("num_threads", 1)
                .containsEntry("cmdline:", "lllqos cyclic -p 80 \"quoted\"").containsEntry("policy", "fifo")
                .containsEntry("latency_target_held", true).containsEntry("return_code", 0)
                .containsEntry("laptop", false);
        assertThat(map(json.get("sysinfo"))).containsEntry("release", "6.18").containsEntry("realtime", 0);
        Map<String, Object> thread = map(map(json.get("thread")).get("0"));
        assertThat(thread).containsEntry("cycles", 3).containsEntry("min", 3).containsEntry("max", 12)
                .containsEntry("avg", 6.0).containsEntry("cpu", 1).containsEntry("tid", 4242)
                .containsEntry("priority", 80).containsEntry("max_ns", 12000);
        assertThat(map(thread.get("histogram"))).as("only buckets with samples, as cyclictest")
                .containsExactly(Map.entry("3", 2));
        assertThat(map(thread.get("percentiles_us"))).containsOnlyKeys("50", "99", "99.9");
        assertThat((Double) map(thread.get("percentiles_us")).get("50")).as("the 2nd of 3").isBetween(3.39, 3.41);
    }

    @Test
    void the_return_code_is_the_one_given_and_laptop_has_no_latency_target() throws IOException {
        ThreadStats stats = new ThreadStats(0, 1000, 80, 1, 0);
        stats.record(3_000);
        CyclicResult laptop = new CyclicResult(new CyclicSettings(1000, 500, 3, SchedPolicy.FIFO, 80, false,
                Optional.empty(), 1, 0, OptionalInt.empty(), Duration.ZERO), List.of(stats), Instant.EPOCH,
                Instant.EPOCH, false, Optional.of("--laptop"));

        Map<String, Object> json = map(parse(JsonReport.render(laptop, "x", 1, MACHINE)));

        assertThat(json).containsEntry("return_code", 1).containsEntry("laptop", true)
                .containsEntry("latency_target", null).containsEntry("latency_target_held", false);
    }

    private static CyclicResult run(CyclicSettings settings, ThreadStats stats) {
        return new CyclicResult(settings, List.of(stats), Instant.EPOCH, Instant.EPOCH, true, Optional.empty());
    }

    private static String text(CyclicResult result) {
        StringWriter out = new StringWriter();
        Summary.print(result, true, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void the_spinning_cost_is_in_the_report_as_numbers_that_say_what_the_text_says() throws IOException {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 0);
        for (int i = 0; i < 4; i++) {
            stats.record(1_500);
        }
        stats.spin(43_600, 12_500);
        CyclicResult result = run(new CyclicSettings(1000, 500, 4, SchedPolicy.FIFO, 80, true, Optional.empty(), 1, 0,
                OptionalInt.of(0), Duration.ZERO, SpinFinish.parse("auto"), 0), stats);

        Map<String, Object> spin = map(map(map(map(parse(JsonReport.render(result, "x", 0, MACHINE)))
                .get("thread")).get("0")).get("spin"));

        assertThat(spin).containsEntry("adaptive", true).containsEntry("margin_us", 12.5)
                .containsEntry("per_activation_us", 10.9).containsEntry("total_ms", 0.0436)
                .containsEntry("cpu_percent", 1.09);
        String line = "# T: 0 " + new ObjectMapper().convertValue(spin, SpinCost.class).describe();
        assertThat(line).isEqualTo("# T: 0 spin: margin 12.5 us (auto), 10.9 us per activation, 0.0 ms in all,"
                + " 1.09% of a CPU");
        assertThat(text(result)).contains(line + "\n");
    }

    @Test
    void a_deadline_run_has_its_parameters_and_missed_periods_in_the_report_as_in_the_text() throws IOException {
        ThreadStats stats = new ThreadStats(0, 4000, 0, -1, 0);
        stats.record(20_000);
        stats.skipped(3);
        stats.blocks(1);
        CyclicResult result = run(new CyclicSettings(4000, 500, 1, SchedPolicy.DEADLINE, 0, false, Optional.empty(),
                1, 0, OptionalInt.empty(), Duration.ZERO, SpinFinish.NONE, 2400), stats);

        Map<String, Object> thread = map(map(map(parse(JsonReport.render(result, "x", 0, MACHINE))).get("thread"))
                .get("0"));

        assertThat(map(thread.get("deadline"))).containsExactly(Map.entry("runtime_us", 2400),
                Map.entry("deadline_us", 4000), Map.entry("period_us", 4000), Map.entry("missed_periods", 3),
                Map.entry("blocks", 1));
        assertThat(thread).doesNotContainKey("spin");
        String line = "# T: 0 " + new ObjectMapper().convertValue(thread.get("deadline"), DeadlineRun.class).describe();
        assertThat(line).isEqualTo("# T: 0 deadline: runtime 2400 us, deadline 4000 us, period 4000 us, 3 periods"
                + " missed, 1 job blocked (after each, the grid started again at the next period: the kernel may have"
                + " moved it)");
        assertThat(text(result)).contains(line + "\n");
    }

    @Test
    void a_plain_run_has_neither_spin_nor_deadline_figures() throws IOException {
        ThreadStats stats = new ThreadStats(0, 1000, 80, 1, 0);
        stats.record(3_000);

        Map<String, Object> thread = map(map(map(parse(JsonReport.render(result(0, stats), "x", 0, MACHINE)))
                .get("thread")).get("0"));

        assertThat(thread).doesNotContainKeys("spin", "deadline");
        assertThat(text(result(0, stats))).doesNotContain("spin:", "deadline:");
    }

    @Test
    void our_report_has_every_key_the_real_cyclictest_writes(@TempDir Path dir) throws Exception {
        Cyclictest.require();
        Path theirs = dir.resolve("cyclictest.json");
        Cyclictest.run("-l", "20", "-i", "1000", "-q", "-t", "2", "-h", "50", "--json=" + theirs);
        ThreadStats first = new ThreadStats(0, 1000, 0, -1, 50);
        ThreadStats second = new ThreadStats(1, 1000, 0, -1, 50);
        first.record(5_000);
        second.record(6_000);

        Map<String, Object> real = map(parse(Files.readString(theirs)));
        Map<String, Object> ours = map(parse(JsonReport.render(result(50, first, second), "x", 0, MACHINE)));

        assertThat(ours.keySet()).containsAll(real.keySet());
        assertThat(map(ours.get("sysinfo")).keySet()).containsAll(map(real.get("sysinfo")).keySet());
        assertThat(map(ours.get("thread")).keySet()).isEqualTo(map(real.get("thread")).keySet());
        assertThat(map(map(ours.get("thread")).get("1")).keySet())
                .containsAll(map(map(real.get("thread")).get("1")).keySet());
    }
}
