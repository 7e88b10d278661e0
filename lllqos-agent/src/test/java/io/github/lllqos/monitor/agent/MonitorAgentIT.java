package io.github.lllqos.monitor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.monitor.MonitorReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorAgentIT {

    @TempDir
    Path dir;

    @Test
    void a_bad_option_is_one_line_on_stderr_naming_it_and_the_application_runs_on() throws Exception {
        ChildJvm.Result result = ChildJvm.run(List.of(ChildJvm.agent("monitor,interval=fast")), 300, false);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("allocated ").contains("threads \n");
        assertThat(result.stderrLines()).singleElement().asString().startsWith("lllqos-agent: ")
                .contains("'interval=fast'").contains("whole number of microseconds from 10 to 10000000");
    }

    @Test
    void an_unknown_option_is_named_with_the_options_there_are() throws Exception {
        ChildJvm.Result result = ChildJvm.run(List.of(ChildJvm.agent("monitr")), 200, false);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderrLines()).singleElement().asString().contains("'monitr' is not an option")
                .contains("interval=US");
    }

    @Test
    void without_options_the_agent_does_nothing() throws Exception {
        ChildJvm.Result result = ChildJvm.run(List.of(ChildJvm.agent("")), 300, false);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("threads \n").contains("holds-cpu-dma-latency false");
    }

    @Test
    void without_lllqos_micrometer_in_the_jar_prometheus_is_one_line_and_the_monitor_runs_without_it()
            throws Exception {
        // This module's agent jar lacks the endpoint; lllqos-micrometer rebuilds the jar with it (its ITs test that).
        Path report = dir.resolve("report.json");
        ChildJvm.Result result = ChildJvm.run(List.of(ChildJvm.agent("monitor,prometheus=9400,report=" + report)),
                2500, false);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderrLines()).singleElement().asString().contains("prometheus=9400 on 127.0.0.1")
                .contains("has no Prometheus endpoint");
        assertThat(MonitorReport.fromJson(Files.readString(report)).samples()).isPositive();
    }

    @Test
    void the_monitor_writes_its_json_report_at_exit_and_meanwhile() throws Exception {
        Path report = dir.resolve("report.json");
        ChildJvm.Result result = ChildJvm.run(List.of(ChildJvm.agent("monitor,interval=500,late=200,report="
                + report + ",report-every=1")), 4000, false);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("threads lllqos-agent-report,lllqos-jfr-pauses,"
                + "lllqos-wakeup-attribution,lllqos-wakeup-monitor");
        MonitorReport parsed = MonitorReport.fromJson(Files.readString(report));
        assertThat(parsed.intervalNanos()).isEqualTo(500_000);
        assertThat(parsed.lateThresholdNanos()).isEqualTo(200_000);
        // 500 µs periods from JFR's first flush to the exit: the 4 s of the load and part of the start-up.
        assertThat(parsed.samples()).isBetween(4_000L, 20_000L);
        assertThat(parsed.lateness().maxNanos()).isGreaterThanOrEqualTo(parsed.lateness().p99Nanos());
        assertThat(parsed.jvmPauses().count()).isPositive();
        assertThat(parsed.advice()).isNotEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no partial report is left behind").containsExactly(report);
        }
    }

    @Test
    void once_compiled_the_monitor_thread_allocates_nothing_per_wake_up() throws Exception {
        // 4,000 wake-ups a second, and the counters read every 20 ms: one object per wake-up would be 64 kB a
        // second, one per counter reading 800 B. While the JIT compiles the loop and the counter reads (the first
        // 5 to 15 s) the JVM allocates a few hundred bytes on the thread now and then; after that, nothing: the
        // child stops after five seconds in a row without a byte (20,000 wake-ups, 250 counter readings).
        ChildJvm.Result result = ChildJvm.run(List.of(ChildJvm.agent("monitor,interval=250")), 60_000, false,
                "monitor-allocation");

        assertThat(result.exitCode()).isZero();
        List<String> windows = result.stdout().lines().filter(line -> line.startsWith("window ")).toList();
        assertThat(windows).as("bytes and wake-ups per second: %s", windows).hasSizeGreaterThanOrEqualTo(
                MonitoredLoad.ZERO_WINDOWS);
        List<String> last = windows.subList(windows.size() - MonitoredLoad.ZERO_WINDOWS, windows.size());
        assertThat(last).as("the last windows, of %s", windows).allSatisfy(window -> {
            String[] fields = window.split(" ");
            assertThat(Long.parseLong(fields[1])).as("bytes allocated in '%s'", window).isZero();
            assertThat(Long.parseLong(fields[2])).as("wake-ups in '%s'", window).isGreaterThan(1_000);
        });
    }

    @Test
    void latency_holds_a_cpu_latency_request_for_the_life_of_the_jvm() throws Exception {
        RealEnvironment.requireCpuDmaLatency();

        ChildJvm.Result result = ChildJvm.run(List.of(ChildJvm.agent("latency=0")), 300, false);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("holds-cpu-dma-latency true");
    }
}
