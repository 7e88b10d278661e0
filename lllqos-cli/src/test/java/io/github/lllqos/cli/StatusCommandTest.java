package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.LowLatency;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.linux.CpuSysfsFiles;
import io.github.lllqos.linux.SystemFilesUnderRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {

    @TempDir
    Path root;

    /** The Linux provider's files, of the test's copy of the tree. */
    private StatusFiles files() {
        return new StatusFiles("linux", Optional.of(new SystemFilesUnderRoot(root)),
                Optional.of(new CpuSysfsFiles(root.resolve("sys/devices/system/cpu"))));
    }

    @Test
    void a_machine_lacking_every_file_gets_unknowns_with_reasons_and_exit_0() {
        String text = run(new StatusCommand(files(), () -> CpuIdle.of(new CpuSysfsFiles(
                root.resolve("sys/devices/system/cpu")))));

        assertThat(text).contains(
                "model: unknown (/proc/sys/kernel/version does not exist)",
                "throttling: unknown (/proc/sys/kernel/sched_rt_runtime_us does not exist)",
                "isolated CPUs (isolcpus=): unknown (" + root + "/sys/devices/system/cpu/isolated does not exist)",
                "RLIMIT_RTPRIO (soft): unknown (/proc/self/limits does not exist)",
                "per-CPU idle states and resume latency: unknown (read(" + root
                        + "/sys/devices/system/cpu/present) failed: ENOENT");
    }

    @Test
    void a_provider_without_cpu_attributes_leaves_the_rest_of_the_status_intact() {
        String json = run(new StatusCommand(files(), () -> {
            throw new LowLatencyException("the provider 'none' has no CPU attribute files");
        }), "--json");

        assertThat(json).startsWith("{\n  \"provider\": ")
                .contains("\"unavailable\": {\"unknown\": \"the provider 'none' has no CPU attribute files\"}")
                .endsWith("}\n");
    }

    @Test
    void a_real_time_kernel_with_isolated_cpus_and_idle_states_is_described_in_full() throws IOException {
        write("proc/sys/kernel/version", "#1 SMP PREEMPT_RT Thu Jan 1 00:00:00 UTC 2026\n");
        write("sys/kernel/realtime", "1\n");
        write("proc/sys/kernel/sched_rt_runtime_us", "-1\n");
        write("proc/sys/kernel/sched_rt_period_us", "1000000\n");
        write("sys/devices/system/cpu/isolated", "1\n");
        write("sys/devices/system/cpu/nohz_full", "1\n");
        write("proc/self/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max realtime priority     95                   99\n"
                + "Max realtime timeout      unlimited            unlimited            us\n");
        write("sys/devices/system/cpu/present", "0-1\n");
        write("sys/devices/system/cpu/cpuidle/current_driver", "intel_idle\n");
        write("sys/devices/system/cpu/cpuidle/current_governor_ro", "menu\n");
        for (int cpu = 0; cpu < 2; cpu++) {
            write("sys/devices/system/cpu/cpu" + cpu + "/power/pm_qos_resume_latency_us", cpu == 1 ? "n/a\n" : "0\n");
            state(cpu, 0, "POLL", 0, 0);
            state(cpu, 1, "C1", 2, 1);
            state(cpu, 2, "C6", 133, 0);
        }

        String text = run(new StatusCommand(files(), () -> CpuIdle.of(new CpuSysfsFiles(
                root.resolve("sys/devices/system/cpu")))));

        assertThat(text).contains("model: PREEMPT_RT", "current mode: fixed by the PREEMPT_RT build",
                "throttling: off: real-time threads may use every CPU cycle", "isolated CPUs (isolcpus=): 1",
                "nohz_full CPUs (no scheduler tick): 1", "RLIMIT_RTPRIO (soft): 95 (",
                "limits.conf: @realtime - rtprio 99", "RLIMIT_RTPRIO (hard): 99",
                "cpuidle driver: intel_idle", "cpuidle governor: menu",
                "resume latency (pm_qos_resume_latency_us): n/a (strictest: 0 µs)");
        assertThat(text).containsPattern("name +exit latency +disabled +usage +by the limit")
                .containsPattern("state1 +C1 +2 µs +yes +11");
        OptionalInt limit = LowLatency.effectiveCpuLatency();
        if (limit.isPresent()) {
            assertThat(text).contains("limit the governor applies: 0 µs")
                    .containsPattern("state2 +C6 +133 µs +no +21 +blocked \\(133 > 0 µs\\)")
                    .containsPattern("state0 +POLL +0 µs +no +1 +allowed");
        }
    }

    @Test
    void the_json_form_carries_numbers_as_numbers_and_the_idle_states_as_objects() throws IOException {
        write("proc/sys/kernel/sched_rt_runtime_us", "950000\n");
        write("proc/sys/kernel/sched_rt_period_us", "1000000\n");
        write("sys/devices/system/cpu/present", "0\n");
        write("sys/devices/system/cpu/cpuidle/current_driver", "acpi_idle\n");
        write("sys/devices/system/cpu/cpuidle/current_governor", "teo\n");
        write("sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us", "20\n");
        state(0, 0, "C1", 1, 0);

        String json = run(new StatusCommand(files(), () -> CpuIdle.of(new CpuSysfsFiles(
                root.resolve("sys/devices/system/cpu")))), "--json");

        assertThat(json).contains("\"sched_rt_runtime_us\": 950000", "\"throttling\": \"on\"",
                "\"resume_latency\": \"20\"", "\"cpuidle_governor\": \"teo\"",
                "\"name\": \"C1\"", "\"exit_latency_us\": 1", "\"disabled\": false", "\"usage\": 0");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }

    @Test
    void the_real_machine_reports_proc_sys_values_whole() throws IOException {
        Path runtime = Path.of("/proc/sys/kernel/sched_rt_runtime_us");
        io.github.lllqos.contract.RealEnvironment.require(Files.isReadable(runtime), runtime + " is not readable");

        String json = run(new StatusCommand(), "--json");

        String value;
        try (java.io.InputStream in = Files.newInputStream(runtime)) {
            value = new String(in.readAllBytes()).strip();      // one large read: /proc/sys answers no second one
        }
        assertThat(json).contains("\"sched_rt_runtime_us\": " + value).contains("\"provider\": \"linux\"");
    }

    @Test
    void timer_slack_comes_from_prctl_which_needs_no_permission_not_from_proc() {
        OptionalLong slack = Realtime.timerSlackNanos();
        io.github.lllqos.contract.RealEnvironment.require(slack.isPresent(), "prctl(PR_GET_TIMERSLACK) needs Linux");

        String text = run(new StatusCommand(files(), () -> CpuIdle.of(new CpuSysfsFiles(
                root.resolve("sys/devices/system/cpu")))));

        assertThat(text).contains("timer slack: " + slack.getAsLong() + " ns (").doesNotContain("timerslack_ns");
    }

    @Test
    void the_json_carries_the_reason_the_holders_the_uninspectable_count_and_isolated_cpus_as_a_list()
            throws IOException {
        write("sys/devices/system/cpu/isolated", "1-3,5\n");
        write("sys/devices/system/cpu/nohz_full", "\n");
        write("proc/123/comm", "cyclictest\n");
        Files.createDirectories(root.resolve("proc/123/fd"));
        Files.createSymbolicLink(root.resolve("proc/123/fd/3"), Path.of("/dev/cpu_dma_latency"));
        write("proc/456/fd", "not a directory: its descriptors cannot be listed\n");

        String json = run(new StatusCommand(files(), () -> {
            throw new LowLatencyException("no CPU attributes here");
        }), "--json");

        assertThat(json).contains("\"isolated\": [1, 2, 3, 5]", "\"nohz_full\": []",
                "\"holders\": {\"processes\": [{\"pid\": 123, \"command\": \"cyclictest\"}], \"uninspectable\": 1}")
                .containsPattern("\"can_place_requests\": \\{\"allowed\": (true|false), \"user\": \"[^\"]+\"");
        if (json.contains("\"allowed\": false")) {
            assertThat(json).containsPattern("\"can_place_requests\": \\{[^}]*\"reason\": \"[^\"]+\"");
        }
    }

    @Test
    void the_text_says_everything_the_json_carries() throws IOException {
        a_real_time_kernel_tree();
        write("proc/123/comm", "cyclictest\n");
        Files.createDirectories(root.resolve("proc/123/fd"));
        Files.createSymbolicLink(root.resolve("proc/123/fd/3"), Path.of("/dev/cpu_dma_latency"));
        write("proc/456/fd", "x\n");
        write("sys/devices/system/cpu/isolated", "1-3,5\n");
        StatusCollector collector = new StatusCollector(files(), () -> CpuIdle.of(new CpuSysfsFiles(
                root.resolve("sys/devices/system/cpu"))), Realtime::timerSlackNanos);

        Report report = collector.collect();

        String json = ReportJson.render(report);
        assertAgree(report, json);
    }

    /** Each entry has its key in the JSON and says in its text line each string and non-zero number it carries. */
    private static void assertAgree(Report report, String json) {
        for (Report.Entry entry : report.entries()) {
            assertThat(json).contains("\"" + entry.key() + "\": ");
            if (entry.value() instanceof Report section) {
                assertAgree(section, json);
            } else if (entry.value() instanceof Report.Table table) {
                table.rows().forEach(row -> assertAgree(row, json));
            } else {
                Report.Value<?> value = (Report.Value<?>) entry.value();
                String text = ReportText.describe(value);
                if (value.isKnown()) {
                    assertSays(entry.key(), value.json(), text);
                } else {
                    assertThat(text).contains(value.reason());
                }
            }
        }
    }

    private static void assertSays(String key, Object json, String text) {
        if (json instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Integer) {
            assertThat(CpuList.parse(text)).as(key + ": " + text).isEqualTo(list);
        } else if (json instanceof List<?> list) {
            list.forEach(item -> assertSays(key, item, text));
        } else if (json instanceof Map<?, ?> map) {
            map.values().forEach(item -> assertSays(key, item, text));
        } else if (json instanceof Record record) {
            for (java.lang.reflect.RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    assertSays(key, component.getAccessor().invoke(record), text);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (json instanceof String || json instanceof Number && ((Number) json).longValue() != 0) {
            assertThat(text).as(key).contains(String.valueOf(json));
        }
    }

    private void a_real_time_kernel_tree() throws IOException {
        write("proc/sys/kernel/version", "#1 SMP PREEMPT_DYNAMIC Thu Jan 1 00:00:00 UTC 2026\n");
        write("proc/sys/kernel/sched_rt_runtime_us", "950000\n");
        write("proc/sys/kernel/sched_rt_period_us", "1000000\n");
        write("proc/cmdline", "root=/dev/sda preempt=full\n");
        write("proc/self/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max realtime priority     95                   unlimited\n");
        write("sys/devices/system/cpu/present", "0\n");
        write("sys/devices/system/cpu/cpuidle/current_driver", "haltpoll\n");
        write("sys/devices/system/cpu/cpuidle/current_governor", "haltpoll\n");
        write("sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us", "20\n");
        state(0, 0, "POLL", 0, 0);
        state(0, 1, "haltpoll idle", 1, 1);
    }

    private void state(int cpu, int index, String name, int latency, int disabled) throws IOException {
        String state = "sys/devices/system/cpu/cpu" + cpu + "/cpuidle/state" + index + "/";
        write(state + "name", name + "\n");
        write(state + "latency", latency + "\n");
        write(state + "disable", disabled + "\n");
        write(state + "usage", (10 * index + cpu) + "\n");
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String run(StatusCommand status, String... args) {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(status).setOut(new PrintWriter(out)).execute(args);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }
}
