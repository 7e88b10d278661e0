package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttachCommandTest {

    private Process target;

    @BeforeEach
    void startTarget() throws IOException {
        RealEnvironment.require(AttachCommand.class.getResource("lllqos-agent.jar") != null,
                "the agent jar is not inside the command's classes: build with the reactor (-am) so lllqos-agent"
                        + " is packaged first");
        target = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), IdleJvm.class.getName()).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(target.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(output.readLine()).isEqualTo("ready");
    }

    @AfterEach
    void stopTarget() {
        if (target != null) {
            target.destroyForcibly();
        }
    }

    @Test
    void attach_prints_the_live_report_and_a_signal_stops_the_monitor_there() throws Exception {
        try (ChildCommand attach = ChildCommand.start("attach", Long.toString(target.pid()), "interval=500")) {
            assertThat(attach.readUntil("wake-ups every 500.0 µs")).contains("attached to " + target.pid());
            assertThat(threads()).contains("lllqos-wakeup-m", "lllqos-jfr-paus", "lllqos-wakeup-a");

            assertThat(attach.terminate()).isEqualTo(143);

            assertThat(attach.rest()).contains("stopped the monitor in " + target.pid() + "; its last report:")
                    .contains("jvm-pause");
            assertThat(threads()).doesNotContain("lllqos-wakeup-m", "lllqos-jfr-paus", "lllqos-wakeup-a");
            assertThat(target.isAlive()).isTrue();
        }
    }

    @Test
    void the_request_attach_asked_for_is_released_when_it_detaches() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        try (ChildCommand attach = ChildCommand.start("attach", Long.toString(target.pid()), "latency=0",
                "--duration", "3")) {
            attach.readUntil("wake-ups every");
            assertThat(holdsCpuDmaLatency()).as("the target holds the request").isTrue();

            assertThat(attach.rest()).contains("stopped the monitor");
            assertThat(holdsCpuDmaLatency()).as("the target still holds the request").isFalse();
        }
    }

    @Test
    void json_prints_the_report_with_its_fixed_keys() throws Exception {
        try (ChildCommand attach = ChildCommand.start("attach", Long.toString(target.pid()), "--json",
                "--duration", "3")) {
            assertThat(attach.rest()).contains("\"interval_ns\" : 1000000").contains("\"jvm_pauses\"")
                    .contains("\"jvm-pause\"").contains("stopped the monitor");
        }
    }

    @Test
    void a_process_that_is_not_there_is_an_error_naming_it() throws Exception {
        try (ChildCommand attach = ChildCommand.start("attach", "999999999")) {
            assertThat(attach.rest()).contains("lllqos attach: no process 999999999");
        }
    }

    @Test
    void options_attach_sets_itself_are_refused() throws Exception {
        try (ChildCommand attach = ChildCommand.start("attach", Long.toString(target.pid()), "report=/tmp/x")) {
            assertThat(attach.rest()).contains("OPTIONS must not set report: lllqos attach sets it itself");
        }
    }

    /** The target's thread names, as the kernel shows them (15 characters). */
    private List<String> threads() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(target.pid()), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    return "";
                }
            }).collect(Collectors.toList());
        }
    }

    private boolean holdsCpuDmaLatency() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(target.pid()), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(RealEnvironment.CPU_DMA_LATENCY);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
