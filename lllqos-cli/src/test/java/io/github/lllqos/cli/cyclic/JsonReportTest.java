package io.github.lllqos.cli.cyclic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
