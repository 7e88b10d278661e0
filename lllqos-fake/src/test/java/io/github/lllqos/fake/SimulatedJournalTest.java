package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleStateLease;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.cpuidle.ResumeLatencyLease;
import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The journal of sysfs changes on the simulated kernel: overlapping leases put back in the right order. */
@ExtendWith(SimulatedKernelExtension.class)
class SimulatedJournalTest {

    @TempDir
    Path journal;

    @Test
    void overlapping_resume_latency_leases_ending_in_either_order_leave_the_remaining_ones_value(
            SimulatedKernel kernel) {
        CpuIdle idle = CpuIdle.of(kernel.cpuSysfs(), journal);
        for (boolean firstEndsFirst : List.of(true, false)) {
            ResumeLatencyLease first = idle.setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
            ResumeLatencyLease second = idle.setResumeLatency(List.of(1), ResumeLatency.ofMicros(10));

            (firstEndsFirst ? first : second).close();
            assertThat(kernel.devices().cpu(1).resumeLatency()).isEqualTo(firstEndsFirst ? 10 : 20);
            (firstEndsFirst ? second : first).close();

            assertThat(idle.resumeLatency(1)).isEqualTo(ResumeLatency.noConstraint());
        }
        assertThat(journal.resolve("sysfs.journal")).doesNotExist();
    }

    @Test
    void overlapping_idle_state_leases_keep_a_shared_state_disabled_until_both_end(SimulatedKernel kernel) {
        CpuIdle idle = CpuIdle.of(kernel.cpuSysfs(), journal);
        for (boolean firstEndsFirst : List.of(true, false)) {
            IdleStateLease first = idle.disableIdleStatesDeeperThan(List.of(2), 10);
            IdleStateLease second = idle.disableIdleStatesDeeperThan(List.of(2), 2);

            (firstEndsFirst ? first : second).close();
            assertThat(kernel.devices().cpu(2).idleStates().get(3).disabled()).as("C6").isTrue();
            assertThat(kernel.cpuidle().enterIdle(2)).map(SimulatedIdleState::name)
                    .hasValue(firstEndsFirst ? "C1" : "C1E");
            (firstEndsFirst ? second : first).close();

            assertThat(kernel.devices().cpu(2).idleStates()).noneMatch(SimulatedIdleState::disabled);
        }
    }

    @Test
    void the_simulated_kernel_journals_in_its_own_directory_never_in_the_real_sysfs_one(SimulatedKernel kernel)
            throws Exception {
        try (ResumeLatencyLease lease = CpuIdle.current().setResumeLatency(List.of(0), ResumeLatency.ofMicros(5))) {
            assertThat(CpuIdle.current().journalDirectory()).isEqualTo(kernel.journalDirectory())
                    .isNotEqualTo(CpuIdle.DEFAULT_JOURNAL_DIRECTORY);
            assertThat(Files.readString(kernel.journalDirectory().resolve("sysfs.journal")))
                    .contains("/sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us");
        }
        assertThat(CpuIdle.current().restoreAbandoned()).isEmpty();
    }
}
