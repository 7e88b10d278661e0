package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.contract.RealSysfsBaseline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** On the real sysfs; every value is restored after each test, also when it fails. */
@ExtendWith(RealSysfsBaseline.class)
class ResumeLatencyCommandTest {

    private static final Path CPU0 = Path.of("/sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us");
    private static final Path CPU1 = Path.of("/sys/devices/system/cpu/cpu1/power/pm_qos_resume_latency_us");

    private final Map<Path, String> saved = new LinkedHashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void save_the_real_values() throws IOException {
        RealEnvironment.require(Files.isWritable(CPU0) && Files.isWritable(CPU1), CPU0 + " and " + CPU1
                + " must exist and be writable by this user (root, two CPUs)");
        saved.put(CPU0, Files.readString(CPU0).strip());
        saved.put(CPU1, Files.readString(CPU1).strip());
    }

    @AfterEach
    void restore_the_real_values() throws IOException {
        for (Map.Entry<Path, String> entry : saved.entrySet()) {
            Files.writeString(entry.getKey(), entry.getValue());
        }
    }

    @Test
    void setting_a_value_writes_each_cpu_and_prints_how_to_restore_the_previous_values() throws IOException {
        Files.writeString(CPU1, "n/a");

        int exit = run("resume-latency", "--cpus", "0,1", "17");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(CPU0)).isEqualTo("17\n");
        assertThat(Files.readString(CPU1)).isEqualTo("17\n");
        assertThat(out.toString()).contains("cpu1: n/a (strictest: 0 µs) -> 17 µs", "stays after lllqos exits",
                "lllqos resume-latency --cpus 1 n/a");
    }

    @Test
    void zero_is_the_kernels_no_constraint_and_the_output_says_so() throws IOException {
        Files.writeString(CPU0, "5");

        int exit = run("resume-latency", "--cpus", "0", "0");

        assertThat(exit).isZero();
        assertThat(Files.readString(CPU0)).isEqualTo("0\n");
        assertThat(out.toString()).contains("cpu0: 5 µs -> 0 (no constraint)");
    }

    @Test
    void a_cpu_that_does_not_exist_is_a_usage_error_and_no_cpu_changes() throws IOException {
        int exit = run("resume-latency", "--cpus", "0,4096", "30");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("CPU 4096 does not exist");
        assertThat(Files.readString(CPU0).strip()).isEqualTo(saved.get(CPU0));
    }

    @Test
    void a_value_the_kernel_refuses_is_a_usage_error_naming_it() {
        int exit = run("resume-latency", "--cpus", "0", "2147483647");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'2147483647'", "'n/a'");
    }

    @Test
    void without_arguments_the_current_values_are_shown() throws IOException {
        Files.writeString(CPU0, "n/a");

        assertThat(run("resume-latency")).isZero();
        assertThat(out.toString()).contains("cpu0: n/a (strictest: 0 µs)");
    }

    @Test
    void hold_restores_the_previous_values_on_sigterm_and_warns_that_a_crash_would_not() throws Exception {
        Files.writeString(CPU0, "40");
        try (ChildCommand hold = ChildCommand.start("resume-latency", "n/a", "--hold")) {
            String started = hold.readUntil("holding until SIGINT");

            assertThat(started).contains("cpu0: 40 µs -> n/a (strictest: 0 µs)", "survives a crash (kill -9)",
                    "lllqos resume-latency --cpus 0 40");
            assertThat(Files.readString(CPU0)).isEqualTo("n/a\n");
            assertThat(Files.readString(CPU1)).isEqualTo("n/a\n");

            assertThat(hold.terminate()).isEqualTo(143);
            assertThat(hold.rest()).contains("restored the previous resume latency of CPUs [0, 1]");
        }
        assertThat(Files.readString(CPU0)).isEqualTo("40\n");
        assertThat(Files.readString(CPU1).strip()).isEqualTo(saved.get(CPU1));
    }

    private int run(String... args) {
        return new CommandLine(new LllqosCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }
}
