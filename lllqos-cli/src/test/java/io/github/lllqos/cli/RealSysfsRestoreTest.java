package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.contract.RealSysfsBaseline;
import io.github.lllqos.cpuidle.CpuIdle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A holder of the machine's own idle states or resume latency killed with SIGKILL, then {@code lllqos restore}, all
 * real processes; as root. The machine's sysfs is checked to read as before after the class.
 */
@ExtendWith(RealSysfsBaseline.class)
class RealSysfsRestoreTest {

    private static final Path CPU1 = RealSysfsBaseline.CPU_SYSFS.resolve("cpu1");

    @TempDir
    Path journal;

    @Test
    void restore_enables_the_idle_state_a_killed_holder_left_disabled() throws Exception {
        Path disable = RealSysfsBaseline.idleStateToDisable(CpuIdle.current(), 1);
        RealEnvironment.require(Files.isWritable(disable) && Files.readString(disable).strip().equals("0"),
                disable + " is not writable by this user (root), or already disabled");

        long pid = killWhileHolding("idle-states", "--disable-deeper-than", "0", "--cpus", "1", "--hold");
        assertThat(Files.readString(disable).strip()).as("left disabled by the killed process").isEqualTo("1");
        ChildCommand.Finished restore = ChildCommand.run(options(), "restore");

        assertThat(restore.exit()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("put back " + disable + ": 1 -> 0 (PID " + pid + " ended)");
        assertThat(Files.readString(disable).strip()).isEqualTo("0");
    }

    @Test
    void restore_puts_back_the_resume_latency_a_killed_holder_left() throws Exception {
        Path latency = CPU1.resolve("power/pm_qos_resume_latency_us");
        RealEnvironment.require(Files.isWritable(latency), latency + " is missing or not writable by this user (root)");
        String before = Files.readString(latency).strip();

        long pid = killWhileHolding("resume-latency", "--cpus", "1", "25", "--hold");
        assertThat(Files.readString(latency).strip()).isEqualTo("25");
        ChildCommand.Finished dryRun = ChildCommand.run(options(), "restore", "--dry-run");
        assertThat(dryRun.output()).contains("would put back " + latency + ": 25 -> " + before);
        assertThat(Files.readString(latency).strip()).isEqualTo("25");
        ChildCommand.Finished restore = ChildCommand.run(options(), "restore");

        assertThat(restore.exit()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("put back " + latency + ": 25 -> " + before + " (PID " + pid + " ended)");
        assertThat(Files.readString(latency).strip()).isEqualTo(before);
        assertThat(ChildCommand.run(options(), "restore").output()).contains("nothing to restore");
    }

    private long killWhileHolding(String... args) throws IOException, InterruptedException {
        try (ChildCommand hold = ChildCommand.startWith(options(), args)) {
            hold.readUntil("holding until SIGINT");
            assertThat(hold.kill()).isEqualTo(137);
            return hold.pid();
        }
    }

    private List<String> options() {
        return List.of("-D" + CpuIdle.JOURNAL_DIRECTORY_PROPERTY + "=" + journal);
    }
}
