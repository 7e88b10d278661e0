package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.Errno;
import io.github.lllqos.contract.RealSysfsBaseline;
import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.linux.CpuSysfsFiles;
import io.github.lllqos.linux.LinuxProvider;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.SysfsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** On a copy of the sysfs tree with idle states, since this machine's CPUs have none. */
@ExtendWith(RealSysfsBaseline.class)
class IdleStatesCommandTest {

    @TempDir
    Path cpuDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void two_cpus_with_poll_c1_c1e_and_c6() throws IOException {
        write("present", "0-1");
        write("cpuidle/current_driver", "intel_idle");
        String[] names = {"POLL", "C1", "C1E", "C6"};
        int[] latencies = {0, 2, 10, 133};
        for (int cpu = 0; cpu < 2; cpu++) {
            for (int index = 0; index < names.length; index++) {
                String state = "cpu" + cpu + "/cpuidle/state" + index + "/";
                write(state + "name", names[index]);
                write(state + "latency", Integer.toString(latencies[index]));
                write(state + "disable", "0");
                write(state + "usage", "7");
            }
        }
    }

    @Test
    void states_deeper_than_the_bound_are_disabled_and_the_way_back_is_printed() throws IOException {
        int exit = run("idle-states", "--disable-deeper-than", "2", "--cpus", "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(read("cpu1/cpuidle/state2/disable")).isEqualTo("1");
        assertThat(read("cpu1/cpuidle/state3/disable")).isEqualTo("1");
        assertThat(read("cpu1/cpuidle/state1/disable")).isEqualTo("0");
        assertThat(read("cpu0/cpuidle/state3/disable")).as("another CPU").isEqualTo("0");
        assertThat(out.toString()).contains("disabled cpu1 state2 C1E (exit latency 10 µs)",
                "disabled cpu1 state3 C6 (exit latency 133 µs)", "stay disabled after lllqos exits",
                "enable them again with: lllqos idle-states --enable --cpus 1");
    }

    @Test
    void enable_turns_the_disabled_states_on_again_and_names_them() throws IOException {
        run("idle-states", "--disable-deeper-than", "2", "--cpus", "0-1");

        int exit = run("idle-states", "--enable", "--cpus", "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(read("cpu1/cpuidle/state2/disable")).isEqualTo("0");
        assertThat(read("cpu1/cpuidle/state3/disable")).isEqualTo("0");
        assertThat(read("cpu0/cpuidle/state3/disable")).as("another CPU").isEqualTo("1");
        assertThat(out.toString()).contains("enabled cpu1 state2 C1E (exit latency 10 µs)",
                "enabled cpu1 state3 C6 (exit latency 133 µs)");
    }

    @Test
    void a_state_disabled_before_is_not_enabled_by_the_printed_way_back() throws IOException {
        write("cpu0/cpuidle/state3/disable", "1");

        assertThat(run("idle-states", "--disable-deeper-than", "2", "--cpus", "0")).isZero();

        assertThat(out.toString()).contains("echo 0 > " + cpuDirectory.resolve("cpu0/cpuidle/state2/disable"))
                .doesNotContain("state3/disable", "--enable");
    }

    @Test
    void enable_with_a_bound_or_hold_is_a_usage_error() {
        assertThat(run("idle-states", "--enable", "--disable-deeper-than", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--enable cannot be given with --disable-deeper-than");
    }

    @Test
    void hold_enables_the_states_again_on_sigterm_and_warns_that_a_crash_would_not() throws Exception {
        try (ChildCommand hold = ChildCommand.startWith(List.of("-D" + LinuxProvider.CPU_SYSFS_PROPERTY + "="
                + cpuDirectory), "idle-states", "--disable-deeper-than", "10", "--hold")) {
            String started = hold.readUntil("holding until SIGINT");

            assertThat(started).contains("disabled cpu0 state3 C6 (exit latency 133 µs)",
                    "disabled cpu1 state3 C6 (exit latency 133 µs)", "survive a crash (kill -9)");
            assertThat(read("cpu0/cpuidle/state3/disable")).isEqualTo("1");
            assertThat(read("cpu1/cpuidle/state2/disable")).isEqualTo("0");

            assertThat(hold.terminate()).isEqualTo(143);
            assertThat(hold.rest()).contains("enabled 2 idle states again");
        }
        assertThat(read("cpu0/cpuidle/state3/disable")).isEqualTo("0");
        assertThat(read("cpu1/cpuidle/state3/disable")).isEqualTo("0");
    }

    @Test
    void without_options_the_states_are_listed() {
        assertThat(run("idle-states")).isZero();

        assertThat(out.toString()).contains("cpu0 (cpuidle driver intel_idle):",
                "cpu1 state3 C6 (exit latency 133 µs), usage 7");
    }

    @Test
    void a_bound_above_every_exit_latency_disables_nothing_and_says_so() throws IOException {
        assertThat(run("idle-states", "--disable-deeper-than", "500")).isZero();

        assertThat(out.toString()).contains("no enabled idle state exits in more than 500 µs");
        assertThat(read("cpu0/cpuidle/state3/disable")).isEqualTo("0");
    }

    @Test
    void a_negative_bound_and_hold_without_a_bound_are_usage_errors() {
        assertThat(run("idle-states", "--disable-deeper-than", "-1")).isEqualTo(2);
        assertThat(run("idle-states", "--hold")).isEqualTo(2);
        assertThat(err.toString()).contains("was -1", "--hold needs --disable-deeper-than");
    }

    @Test
    void cpus_without_a_cpuidle_driver_have_nothing_to_disable() throws IOException {
        Path bare = Files.createDirectories(cpuDirectory.resolve("bare"));
        Files.writeString(bare.resolve("present"), "0");
        Files.createDirectories(bare.resolve("cpuidle"));
        Files.writeString(bare.resolve("cpuidle/current_driver"), "none");
        IdleStatesCommand command = new IdleStatesCommand(() -> CpuIdle.of(new CpuSysfsFiles(bare)));

        int exit = new CommandLine(command).setOut(new PrintWriter(out)).execute("--disable-deeper-than", "0");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("nothing to disable: the CPUs have no idle states (cpuidle driver"
                + " none)");
    }

    @Test
    void a_refused_change_prints_the_refusal_exits_1_and_changes_nothing() throws IOException {
        CpuSysfs files = new CpuSysfsFiles(cpuDirectory);
        CpuSysfs readOnly = new CpuSysfs() {
            @Override
            public String pathOf(String attribute) {
                return files.pathOf(attribute);
            }

            @Override
            public String read(String attribute) throws SysfsException {
                return files.read(attribute);
            }

            @Override
            public void write(String attribute, String value) throws SysfsException {
                throw new SysfsException(pathOf(attribute), Errno.EACCES, "owned by root:root with mode rw-r--r--");
            }

            @Override
            public List<String> list(String directory) throws SysfsException {
                return files.list(directory);
            }
        };
        IdleStatesCommand command = new IdleStatesCommand(() -> CpuIdle.of(readOnly));

        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--disable-deeper-than", "2");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("lllqos idle-states: write(" + cpuDirectory.resolve(
                "cpu0/cpuidle/state2/disable")).contains("EACCES", "write permission");
        assertThat(out.toString()).doesNotContain("disabled cpu");
        assertThat(read("cpu0/cpuidle/state2/disable")).isEqualTo("0");
    }

    private int run(String... args) {
        IdleStatesCommand command = new IdleStatesCommand(() -> CpuIdle.of(new CpuSysfsFiles(cpuDirectory)));
        return new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private void write(String path, String content) throws IOException {
        Path file = cpuDirectory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }

    private String read(String path) throws IOException {
        return Files.readString(cpuDirectory.resolve(path)).strip();
    }
}
