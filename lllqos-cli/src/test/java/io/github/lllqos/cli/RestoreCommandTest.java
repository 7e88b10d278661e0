package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealSysfsBaseline;
import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.linux.CpuSysfsFiles;
import io.github.lllqos.linux.LinuxProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lllqos restore} after real holder processes were killed with SIGKILL, on a copy of the sysfs tree (the
 * same logic on the machine's own sysfs is {@link RealSysfsRestoreTest}).
 */
@ExtendWith(RealSysfsBaseline.class)
class RestoreCommandTest {

    @TempDir
    Path cpuDirectory;

    @TempDir
    Path journal;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void two_cpus_with_poll_and_c6() throws IOException {
        write("present", "0-1");
        write("cpuidle/current_driver", "intel_idle");
        for (int cpu = 0; cpu < 2; cpu++) {
            write("cpu" + cpu + "/power/pm_qos_resume_latency_us", "0");
            write("cpu" + cpu + "/cpuidle/state0/name", "POLL");
            write("cpu" + cpu + "/cpuidle/state0/latency", "0");
            write("cpu" + cpu + "/cpuidle/state1/name", "C6");
            write("cpu" + cpu + "/cpuidle/state1/latency", "133");
            for (int state = 0; state < 2; state++) {
                write("cpu" + cpu + "/cpuidle/state" + state + "/disable", "0");
                write("cpu" + cpu + "/cpuidle/state" + state + "/usage", "0");
            }
        }
    }

    @Test
    void restore_enables_the_states_a_killed_idle_states_hold_left_disabled_and_then_has_nothing_to_do()
            throws Exception {
        long pid = killWhileHolding("idle-states", "--disable-deeper-than", "0", "--cpus", "1", "--hold");
        assertThat(read("cpu1/cpuidle/state1/disable")).as("left disabled by the killed process").isEqualTo("1");

        ChildCommand.Finished restore = lllqos("restore");

        assertThat(restore.exit()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("put back " + cpuDirectory.resolve("cpu1/cpuidle/state1/disable")
                + ": 1 -> 0 (PID " + pid + " ended)");
        assertThat(read("cpu1/cpuidle/state1/disable")).isEqualTo("0");
        assertThat(lllqos("restore").output()).contains("nothing to restore");
    }

    @Test
    void restore_puts_back_the_resume_latency_a_killed_hold_left() throws Exception {
        write("cpu0/power/pm_qos_resume_latency_us", "40");
        long pid = killWhileHolding("resume-latency", "--cpus", "all", "n/a", "--hold");
        assertThat(read("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("n/a");

        ChildCommand.Finished restore = lllqos("restore");

        assertThat(restore.exit()).isZero();
        assertThat(restore.output()).contains(cpuDirectory.resolve("cpu0/power/pm_qos_resume_latency_us")
                + ": n/a -> 40 (PID " + pid + " ended)", cpuDirectory.resolve("cpu1/power/pm_qos_resume_latency_us")
                + ": n/a -> 0 (PID " + pid + " ended)");
        assertThat(read("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("40");
        assertThat(read("cpu1/power/pm_qos_resume_latency_us")).isEqualTo("0");
    }

    @Test
    void the_next_command_that_changes_sysfs_first_puts_back_what_a_killed_one_left_and_says_so_in_one_line()
            throws Exception {
        long pid = killWhileHolding("resume-latency", "--cpus", "1", "20", "--hold");

        ChildCommand.Finished next = lllqos("idle-states", "--disable-deeper-than", "0", "--cpus", "0");

        assertThat(next.output()).containsOnlyOnce("put back").contains("lllqos: INFO: put back 1 sysfs value left by"
                + " processes that ended: " + cpuDirectory.resolve("cpu1/power/pm_qos_resume_latency_us")
                + ": 20 -> 0 (PID " + pid + " ended)\n");
        assertThat(read("cpu1/power/pm_qos_resume_latency_us")).isEqualTo("0");
        assertThat(read("cpu0/cpuidle/state1/disable")).as("the next command's own change").isEqualTo("1");
    }

    @Test
    void holders_in_several_processes_started_together_end_with_the_original_value_whichever_way_they_end()
            throws Exception {
        List<ChildCommand> holders = new ArrayList<>();
        try {
            for (String micros : List.of("10", "20", "30")) {
                holders.add(ChildCommand.startWith(options(), "resume-latency", "--cpus", "1", micros, "--hold"));
            }
            for (ChildCommand holder : holders) {
                holder.readUntil("holding until SIGINT");
            }
            assertThat(read("cpu1/power/pm_qos_resume_latency_us")).isIn("10", "20", "30");

            assertThat(holders.get(1).kill()).isEqualTo(137);
            assertThat(holders.get(2).terminate()).isEqualTo(143);
            assertThat(read("cpu1/power/pm_qos_resume_latency_us")).as("the first holder's, which still runs")
                    .isEqualTo("10");
            assertThat(holders.get(0).terminate()).isEqualTo(143);
        } finally {
            holders.forEach(ChildCommand::close);
        }

        assertThat(read("cpu1/power/pm_qos_resume_latency_us")).isEqualTo("0");
        assertThat(journal.resolve("sysfs.journal")).doesNotExist();
    }

    @Test
    void a_dry_run_says_what_it_would_put_back_and_changes_nothing() throws Exception {
        long pid = killWhileHolding("idle-states", "--disable-deeper-than", "0", "--cpus", "0", "--hold");

        int exit = run("--dry-run");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("would put back " + cpuDirectory.resolve("cpu0/cpuidle/state1/disable")
                + ": 1 -> 0 (PID " + pid + " ended)\n");
        assertThat(read("cpu0/cpuidle/state1/disable")).isEqualTo("1");
        assertThat(run()).isZero();
        assertThat(read("cpu0/cpuidle/state1/disable")).isEqualTo("0");
    }

    @Test
    void a_value_someone_else_changed_after_the_holder_died_is_left_alone_and_said_so() throws Exception {
        killWhileHolding("resume-latency", "--cpus", "1", "20", "--hold");
        write("cpu1/power/pm_qos_resume_latency_us", "55");

        assertThat(run()).isZero();

        assertThat(out.toString()).startsWith("left alone " + cpuDirectory.resolve("cpu1/power/pm_qos_resume_latency_us")
                + ": it reads 55, not the 20 PID");
        assertThat(read("cpu1/power/pm_qos_resume_latency_us")).isEqualTo("55");
    }

    @Test
    void nothing_to_do_is_said_and_exits_zero() {
        assertThat(run()).isZero();

        assertThat(out.toString()).isEqualTo("nothing to restore: the journal in " + journal + " holds no value that"
                + " an ended process left changed\n");
    }

    @Test
    void a_corrupt_journal_is_refused_with_exit_1_and_nothing_is_written() throws Exception {
        killWhileHolding("idle-states", "--disable-deeper-than", "0", "--cpus", "1", "--hold");
        Path file = journal.resolve("sysfs.journal");
        String truncated = Files.readString(file).substring(0, 40);
        Files.writeString(file, truncated);

        assertThat(run()).isEqualTo(1);

        assertThat(err.toString()).contains("lllqos restore: the journal " + file + " is corrupt");
        assertThat(read("cpu1/cpuidle/state1/disable")).isEqualTo("1");
        assertThat(Files.readString(file)).isEqualTo(truncated);
    }

    @Test
    void a_journal_naming_a_file_outside_the_cpu_attributes_is_refused_and_that_file_is_not_written(
            @TempDir Path elsewhere) throws Exception {
        Path victim = Files.writeString(elsewhere.resolve("victim"), "safe\n");
        String attribute = cpuDirectory.relativize(victim).toString();
        String path = cpuDirectory.resolve(attribute).toString();
        String body = "lllqos sysfs journal 1\nfile\t" + path + "\t" + attribute + "\tpwned\nhold\t" + path + "\t"
                + Integer.MAX_VALUE + "\t1\t1\tsafe\n";
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        Files.writeString(journal.resolve("sysfs.journal"), body + "end\t3\t" + String.format("%08x", crc.getValue())
                + "\n");

        assertThat(run()).isEqualTo(1);

        assertThat(err.toString()).contains("is corrupt at line 2: '" + attribute + "' is not a file lllqos changes");
        assertThat(victim).hasContent("safe\n");
    }

    /** Starts a holding command in a child JVM, waits until it holds, kills it with SIGKILL and returns its PID. */
    private long killWhileHolding(String... args) throws Exception {
        try (ChildCommand hold = ChildCommand.startWith(options(), args)) {
            hold.readUntil("holding until SIGINT");
            assertThat(hold.kill()).isEqualTo(137);
            return hold.pid();
        }
    }

    private ChildCommand.Finished lllqos(String... args) throws Exception {
        return ChildCommand.run(options(), args);
    }

    private List<String> options() {
        return List.of("-D" + LinuxProvider.CPU_SYSFS_PROPERTY + "=" + cpuDirectory,
                "-D" + CpuIdle.JOURNAL_DIRECTORY_PROPERTY + "=" + journal);
    }

    private int run(String... args) {
        RestoreCommand command = new RestoreCommand(() -> CpuIdle.of(new CpuSysfsFiles(cpuDirectory), journal));
        return new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
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
