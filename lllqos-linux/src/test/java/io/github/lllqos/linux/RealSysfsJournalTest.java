package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.contract.RealSysfsBaseline;
import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.cpuidle.IdleStateLease;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.cpuidle.ResumeLatencyLease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Overlapping leases on the machine's own sysfs, ending in both orders; as root, on a CPU with idle states. */
@ExtendWith(RealSysfsBaseline.class)
class RealSysfsJournalTest {

    private static final int CPU = 1;
    private static final Path RESUME_LATENCY = RealSysfsBaseline.CPU_SYSFS.resolve("cpu" + CPU
            + "/power/pm_qos_resume_latency_us");

    @TempDir
    Path journal;

    @Test
    void overlapping_resume_latency_leases_ending_in_either_order_put_back_what_the_remaining_one_wants()
            throws IOException {
        RealEnvironment.require(Files.isWritable(RESUME_LATENCY), RESUME_LATENCY + " is missing or not writable by"
                + " this user (root, two CPUs)");
        CpuIdle idle = CpuIdle.of(new CpuSysfsFiles(RealSysfsBaseline.CPU_SYSFS), journal);
        String original = Files.readString(RESUME_LATENCY).strip();
        for (boolean firstEndsFirst : List.of(true, false)) {
            ResumeLatencyLease first = idle.setResumeLatency(List.of(CPU), ResumeLatency.ofMicros(20));
            ResumeLatencyLease second = idle.setResumeLatency(List.of(CPU), ResumeLatency.ofMicros(10));
            try {
                (firstEndsFirst ? first : second).close();
                assertThat(Files.readString(RESUME_LATENCY).strip()).isEqualTo(firstEndsFirst ? "10" : "20");
            } finally {
                second.close();
                first.close();
            }
            assertThat(Files.readString(RESUME_LATENCY).strip()).isEqualTo(original);
        }
    }

    @Test
    void overlapping_idle_state_leases_keep_the_state_disabled_until_both_end_in_either_order() throws IOException {
        RealEnvironment.require(Files.isDirectory(RealSysfsBaseline.CPU_SYSFS.resolve("cpu" + CPU)), "this machine"
                + " has no cpu" + CPU);
        CpuIdle idle = CpuIdle.of(new CpuSysfsFiles(RealSysfsBaseline.CPU_SYSFS), journal);
        Path disable = RealSysfsBaseline.idleStateToDisable(idle, CPU);
        RealEnvironment.require(Files.isWritable(disable), disable + " is not writable by this user (root)");
        RealEnvironment.require(Files.readString(disable).strip().equals("0"), disable + " is already disabled");
        for (boolean firstEndsFirst : List.of(true, false)) {
            IdleStateLease first = idle.disableIdleStatesDeeperThan(List.of(CPU), 0);
            IdleStateLease second = idle.disableIdleStatesDeeperThan(List.of(CPU), 0);
            try {
                assertThat(second.disabledStates()).as("held by both").extracting(IdleState::index)
                        .isEqualTo(first.disabledStates().stream().map(IdleState::index).toList());
                (firstEndsFirst ? first : second).close();
                assertThat(Files.readString(disable).strip()).isEqualTo("1");
            } finally {
                second.close();
                first.close();
            }
            assertThat(Files.readString(disable).strip()).isEqualTo("0");
        }
    }
}
