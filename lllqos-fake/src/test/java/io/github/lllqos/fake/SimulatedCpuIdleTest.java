package io.github.lllqos.fake;

import io.github.lllqos.Errno;
import io.github.lllqos.spi.SysfsException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.cpuidle.IdleStateLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.cpuidle.ResumeLatencyLease;
import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import java.nio.file.AccessDeniedException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API's idle-state logic on the simulated kernel's cpuidle states, which this build machine lacks. */
@ExtendWith(SimulatedKernelExtension.class)
class SimulatedCpuIdleTest {

    @Test
    void the_fake_provider_shows_each_cpus_idle_states_with_their_exit_latencies(SimulatedKernel kernel) {
        CpuIdle idle = CpuIdle.current();

        assertThat(idle.cpus()).containsExactly(0, 1, 2, 3);
        assertThat(idle.driver(2)).isEqualTo("intel_idle");
        assertThat(idle.governor()).isEqualTo("menu");
        assertThat(idle.idleStates(2)).containsExactly(new IdleState(2, 0, "POLL", 0, false, 0),
                new IdleState(2, 1, "C1", 2, false, 0), new IdleState(2, 2, "C1E", 10, false, 0),
                new IdleState(2, 3, "C6", 133, false, 0));
    }

    @Test
    void usage_counts_what_the_simulated_governor_chose(SimulatedKernel kernel) {
        kernel.cpuidle().enterIdle(1);
        kernel.cpuidle().enterIdle(1);

        assertThat(CpuIdle.current().idleStates(1)).extracting(IdleState::usage).containsExactly(0L, 0L, 0L, 2L);
    }

    @Test
    void a_cpu_latency_lease_blocks_exactly_the_states_the_governor_then_avoids(SimulatedKernel kernel) {
        CpuIdle idle = CpuIdle.current();
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(10)) {
            int limit = idle.resumeLatency(0).governorLimitMicros(LowLatency.effectiveCpuLatency().getAsInt());

            assertThat(idle.idleStates(0)).filteredOn(state -> state.blockedBy(limit)).extracting(IdleState::name)
                    .containsExactly("C6");
            assertThat(kernel.cpuidle().enterIdle(0)).map(SimulatedIdleState::name).hasValue("C1E");
        }
        assertThat(kernel.cpuidle().enterIdle(0)).map(SimulatedIdleState::name).hasValue("C6");
    }

    @Test
    void a_resume_latency_lease_limits_only_its_cpus_and_is_restored(SimulatedKernel kernel) {
        CpuIdle idle = CpuIdle.current();
        try (ResumeLatencyLease lease = idle.setResumeLatency(List.of(1), ResumeLatency.ofMicros(5))) {
            assertThat(kernel.devices().cpu(1).resumeLatency()).isEqualTo(5);
            assertThat(kernel.cpuidle().enterIdle(1)).map(SimulatedIdleState::name).hasValue("C1");
            assertThat(kernel.cpuidle().enterIdle(0)).map(SimulatedIdleState::name).hasValue("C6");
        }
        assertThat(idle.resumeLatency(1)).isEqualTo(ResumeLatency.noConstraint());
        assertThat(kernel.cpuidle().enterIdle(1)).map(SimulatedIdleState::name).hasValue("C6");
    }

    @Test
    void the_strictest_resume_latency_leaves_only_polling(SimulatedKernel kernel) throws Exception {
        try (ResumeLatencyLease lease = CpuIdle.current().setResumeLatency(List.of(3), ResumeLatency.strictest())) {
            assertThat(kernel.devices().cpu(3).device().readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo("n/a\n");
            assertThat(kernel.cpuidle().enterIdle(3)).map(SimulatedIdleState::name).hasValue("POLL");
        }
    }

    @Test
    void disabling_deeper_states_keeps_the_governor_shallow_until_the_lease_closes(SimulatedKernel kernel) {
        CpuIdle idle = CpuIdle.current();
        try (IdleStateLease lease = idle.disableIdleStatesDeeperThan(List.of(0, 1), 2)) {
            assertThat(lease.disabledStates()).extracting(state -> state.cpu() + ":" + state.name())
                    .containsExactly("0:C1E", "0:C6", "1:C1E", "1:C6");
            assertThat(kernel.devices().cpu(0).idleStates()).extracting(SimulatedIdleState::disabled)
                    .containsExactly(false, false, true, true);
            assertThat(kernel.cpuidle().enterIdle(0)).map(SimulatedIdleState::name).hasValue("C1");
            assertThat(kernel.cpuidle().enterIdle(2)).as("another CPU").map(SimulatedIdleState::name).hasValue("C6");
        }
        assertThat(kernel.devices().cpu(0).idleStates()).noneMatch(SimulatedIdleState::disabled);
        assertThat(kernel.cpuidle().enterIdle(0)).map(SimulatedIdleState::name).hasValue("C6");
    }

    @Test
    void a_state_disabled_before_the_lease_stays_disabled_after_it(SimulatedKernel kernel) throws Exception {
        kernel.cpuSysfs().write("cpu0/cpuidle/state3/disable", "1");

        try (IdleStateLease lease = CpuIdle.current().disableIdleStatesDeeperThan(List.of(0), 2)) {
            assertThat(lease.disabledStates()).extracting(IdleState::name).containsExactly("C1E");
        }

        assertThat(kernel.devices().cpu(0).idleStates().get(3).disabled()).isTrue();
        assertThat(kernel.devices().cpu(0).idleStates().get(2).disabled()).isFalse();
    }

    @Test
    void a_kernel_without_a_cpuidle_driver_has_no_states_and_nothing_to_disable() {
        SimulatedKernel bare = new SimulatedKernel(KernelProfile.CURRENT, 2, CpuidleDriver.NONE);
        CpuIdle idle = CpuIdle.of(bare.cpuSysfs());

        assertThat(idle.driver(0)).isEqualTo("none");
        assertThat(idle.idleStates(0)).isEmpty();
        try (IdleStateLease lease = idle.disableIdleStatesDeeperThan(List.of(0, 1), 0)) {
            assertThat(lease.disabledStates()).isEmpty();
        }
        assertThat(bare.cpuidle().enterIdle(0)).isEmpty();
    }

    @Test
    void the_disable_attribute_takes_what_the_kernel_takes(SimulatedKernel kernel) throws Exception {
        var sysfs = kernel.cpuSysfs();

        sysfs.write("cpu1/cpuidle/state2/disable", "0x1\n");
        assertThat(sysfs.read("cpu1/cpuidle/state2/disable")).isEqualTo("1\n");
        sysfs.write("cpu1/cpuidle/state2/disable", "0");
        assertThat(kernel.devices().cpu(1).idleStates().get(2).disabled()).isFalse();
        for (String refused : List.of("-1", "yes", "", " 1")) {
            assertThatThrownBy(() -> sysfs.write("cpu1/cpuidle/state2/disable", refused))
                    .isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno())
                            .isEqualTo(Errno.EINVAL));
        }
        assertThatThrownBy(() -> sysfs.write("cpu1/cpuidle/state2/latency", "1"))
                .isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
    }

    @Test
    void a_write_the_simulated_kernel_refuses_reaches_the_caller_with_its_errno(SimulatedKernel kernel) {
        CpuIdle idle = CpuIdle.of(new io.github.lllqos.spi.CpuSysfs() {
            private final io.github.lllqos.spi.CpuSysfs real = kernel.cpuSysfs();

            @Override
            public String pathOf(String attribute) {
                return real.pathOf(attribute);
            }

            @Override
            public String read(String attribute) throws SysfsException {
                return real.read(attribute);
            }

            @Override
            public void write(String attribute, String value) throws SysfsException {
                real.write(attribute, "2147483647");
            }

            @Override
            public List<String> list(String directory) throws SysfsException {
                return real.list(directory);
            }
        }, kernel.journalDirectory());

        ResumeLatencyLease lease = idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(5));

        assertThat(lease.acquired()).isFalse();
        assertThatThrownBy(lease::requireAcquired)
                .isInstanceOfSatisfying(LowLatencyException.class, e -> assertThat(e.errno()).hasValue(Errno.EINVAL))
                .hasMessageContaining("/sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us");
        assertThat(idle.resumeLatency(0)).isEqualTo(ResumeLatency.noConstraint());
    }
}
