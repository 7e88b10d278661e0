package io.github.lllqos.cpuidle;

import io.github.lllqos.Errno;
import io.github.lllqos.Outcome;
import io.github.lllqos.Refusal;
import io.github.lllqos.LowLatencyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CpuIdleTest {

    private final TestCpuSysfs sysfs = TestCpuSysfs.withCpus(2)
            .withState(0, 0, "POLL", 0).withState(0, 1, "C1", 2).withState(0, 2, "C1E", 10)
            .withState(0, 3, "C6", 133).withState(1, 0, "POLL", 0).withState(1, 1, "C1", 2)
            .withState(1, 2, "C1E", 10).withState(1, 3, "C6", 133);
    private final CpuIdle idle = CpuIdle.of(sysfs);

    @Test
    void a_resume_latency_lease_sets_every_cpu_and_restores_each_previous_value() {
        sysfs.files.put("cpu1/power/pm_qos_resume_latency_us", "n/a");

        try (ResumeLatencyLease lease = idle.setResumeLatency(List.of(1, 0), ResumeLatency.ofMicros(20))) {
            assertThat(idle.resumeLatency(0)).isEqualTo(ResumeLatency.ofMicros(20));
            assertThat(idle.resumeLatency(1)).isEqualTo(ResumeLatency.ofMicros(20));
            assertThat(lease.previousValues()).containsExactly(Map.entry(0, ResumeLatency.noConstraint()),
                    Map.entry(1, ResumeLatency.strictest()));
        }

        assertThat(idle.resumeLatency(0)).isEqualTo(ResumeLatency.noConstraint());
        assertThat(sysfs.files.get("cpu1/power/pm_qos_resume_latency_us")).isEqualTo("n/a");
    }

    @Test
    void the_strictest_resume_latency_is_written_in_the_kernels_form() {
        try (ResumeLatencyLease lease = idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(0))) {
            assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("n/a");
        }
        assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("0");
    }

    @Test
    void closing_twice_restores_once() {
        ResumeLatencyLease lease = idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(5));
        lease.close();
        sysfs.files.put("cpu0/power/pm_qos_resume_latency_us", "77");

        lease.close();

        assertThat(lease.closed()).isTrue();
        assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("77");
    }

    @Test
    void a_leaked_lease_is_restored_by_the_cleaner() throws InterruptedException {
        leakResumeLatency(9);
        assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("9");

        for (int i = 0; i < 500 && !sysfs.files.get("cpu0/power/pm_qos_resume_latency_us").equals("0"); i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("0");
    }

    @Test
    void a_kept_lease_leaves_its_values_and_neither_close_nor_the_cleaner_restores_them()
            throws InterruptedException {
        keepResumeLatency(11);
        IdleStateLease states = idle.disableIdleStatesDeeperThan(List.of(0), 2);
        states.keep();
        states.close();

        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("11");
        assertThat(idle.idleStates(0)).extracting(IdleState::disabled).containsExactly(false, false, true, true);
    }

    private void keepResumeLatency(int micros) {
        ResumeLatencyLease lease = idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(micros));
        lease.keep();
        lease.close();
    }

    private void leakResumeLatency(int micros) {
        idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(micros));
    }

    @Test
    void a_cpu_that_does_not_exist_is_refused_naming_it_and_the_cpus_here_and_nothing_changes() {
        assertThatThrownBy(() -> idle.setResumeLatency(List.of(0, 7), ResumeLatency.ofMicros(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 7 does not exist").hasMessageContaining("0-1");
        assertThatThrownBy(() -> idle.disableIdleStatesDeeperThan(List.of(-1), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1")
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> idle.setResumeLatency(List.of(), ResumeLatency.ofMicros(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one CPU");
        assertThat(sysfs.writes).isEmpty();
    }

    @Test
    void a_denied_write_is_a_lease_not_acquired_naming_the_file_and_the_permission_with_the_cpus_undone() {
        sysfs.files.put("cpu0/power/pm_qos_resume_latency_us", "40");
        sysfs.writeDenied.add("cpu1/power/pm_qos_resume_latency_us");

        ResumeLatencyLease lease = idle.setResumeLatency(List.of(0, 1), ResumeLatency.ofMicros(5));

        assertThat(lease.acquired()).isFalse();
        assertThat(lease.previousValues()).isEmpty();
        assertThat(lease.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.PERMISSION);
            assertThat(refusal.errno()).hasValue(Errno.EACCES);
            assertThat(refusal.message()).contains("/test/cpu/cpu1/power/pm_qos_resume_latency_us",
                    "write permission", "root:root with mode rw-r--r--");
        });
        assertThatThrownBy(lease::requireAcquired).isInstanceOfSatisfying(LowLatencyException.class, e ->
                assertThat(e.errno()).hasValue(Errno.EACCES)).hasMessageContaining("write permission");
        assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("40");
        assertThat(journal()).as("the journal as before").doesNotExist();
        lease.close();
        assertThat(sysfs.files.get("cpu0/power/pm_qos_resume_latency_us")).isEqualTo("40");
    }

    @Test
    void a_restore_that_fails_says_how_to_restore_by_hand() {
        ResumeLatencyLease lease = idle.setResumeLatency(List.of(0, 1), ResumeLatency.ofMicros(5));
        sysfs.writeDenied.add("cpu0/power/pm_qos_resume_latency_us");

        assertThatThrownBy(lease::close).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("echo 0 > /test/cpu/cpu0/power/pm_qos_resume_latency_us");
        assertThat(sysfs.files.get("cpu1/power/pm_qos_resume_latency_us")).as("the other CPU is restored")
                .isEqualTo("0");
    }

    @Test
    void idle_states_deeper_than_the_bound_are_disabled_and_enabled_again_on_close() {
        try (IdleStateLease lease = idle.disableIdleStatesDeeperThan(List.of(0, 1), 2)) {
            assertThat(lease.disabledStates()).extracting(state -> state.cpu() + ":" + state.name())
                    .containsExactly("0:C1E", "0:C6", "1:C1E", "1:C6");
            assertThat(idle.idleStates(1)).extracting(IdleState::disabled).containsExactly(false, false, true, true);
        }

        assertThat(disableFlags()).allSatisfy((path, flag) -> assertThat(flag).as(path).isEqualTo("0"));
    }

    @Test
    void states_already_disabled_stay_disabled_after_the_lease() {
        sysfs.files.put("cpu0/cpuidle/state3/disable", "1");

        try (IdleStateLease lease = idle.disableIdleStatesDeeperThan(List.of(0), 10)) {
            assertThat(lease.disabledStates()).isEmpty();
        }

        assertThat(sysfs.files.get("cpu0/cpuidle/state3/disable")).isEqualTo("1");
        assertThat(sysfs.writes).isEmpty();
    }

    @Test
    void a_cpu_without_idle_states_gets_a_lease_that_disabled_nothing() {
        TestCpuSysfs bare = TestCpuSysfs.withCpus(2);

        try (IdleStateLease lease = CpuIdle.of(bare).disableIdleStatesDeeperThan(List.of(0, 1), 0)) {
            assertThat(lease.disabledStates()).isEmpty();
        }
        assertThat(bare.writes).isEmpty();
    }

    @Test
    void enabling_turns_every_disabled_state_of_the_cpus_on_and_names_them() {
        sysfs.files.put("cpu0/cpuidle/state3/disable", "1");
        sysfs.files.put("cpu1/cpuidle/state2/disable", "1");
        sysfs.files.put("cpu1/cpuidle/state3/disable", "1");

        List<IdleState> enabled = idle.enableIdleStates(List.of(1)).requireApplied().value().orElseThrow();

        assertThat(enabled).extracting(state -> state.cpu() + ":" + state.name()).containsExactly("1:C1E", "1:C6");
        assertThat(idle.idleStates(1)).extracting(IdleState::disabled).containsOnly(false);
        assertThat(sysfs.files.get("cpu0/cpuidle/state3/disable")).as("another CPU").isEqualTo("1");
    }

    @Test
    void an_enable_that_is_denied_midway_is_not_applied_says_why_and_disables_again_what_it_enabled() {
        sysfs.files.put("cpu0/cpuidle/state2/disable", "1");
        sysfs.files.put("cpu0/cpuidle/state3/disable", "1");
        sysfs.writeDenied.add("cpu0/cpuidle/state3/disable");

        Outcome<List<IdleState>> outcome = idle.enableIdleStates(List.of(0));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.PERMISSION);
            assertThat(refusal.message()).contains("cpu0/cpuidle/state3/disable");
        });
        assertThat(sysfs.files.get("cpu0/cpuidle/state2/disable")).isEqualTo("1");
    }

    @Test
    void a_negative_bound_is_refused_and_nothing_changes() {
        assertThatThrownBy(() -> idle.disableIdleStatesDeeperThan(List.of(0), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1")
                .hasMessageContaining("0 µs or more");
        assertThat(sysfs.writes).isEmpty();
    }

    @Test
    void a_denied_disable_names_the_file_and_enables_the_states_already_disabled() {
        sysfs.writeDenied.add("cpu1/cpuidle/state3/disable");

        IdleStateLease lease = idle.disableIdleStatesDeeperThan(List.of(0, 1), 2);

        assertThat(lease.acquired()).isFalse();
        assertThat(lease.disabledStates()).isEmpty();
        assertThat(lease.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.PERMISSION);
            assertThat(refusal.message()).contains("/test/cpu/cpu1/cpuidle/state3/disable", "write permission");
        });
        assertThatThrownBy(lease::requireAcquired).isInstanceOf(LowLatencyException.class);
        assertThat(disableFlags()).allSatisfy((path, flag) -> assertThat(flag).as(path).isEqualTo("0"));
        assertThat(journal()).as("the journal as before").doesNotExist();
    }

    @Test
    void a_kernel_rejection_is_a_lease_not_acquired_naming_the_file_the_value_and_the_errno() {
        sysfs.kernelError = Errno.EINVAL;

        ResumeLatencyLease lease = idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(3));

        assertThat(lease.acquired()).isFalse();
        assertThat(lease.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.REJECTED);
            assertThat(refusal.errno()).hasValue(Errno.EINVAL);
            assertThat(refusal.message())
                    .isEqualTo("write(/test/cpu/cpu0/power/pm_qos_resume_latency_us, \"3\") failed: EINVAL");
        });
        assertThat(journal()).as("the journal as before").doesNotExist();
    }

    @Test
    void a_failure_that_is_no_refusal_is_thrown() {
        sysfs.kernelError = Errno.EIO;

        assertThatThrownBy(() -> idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(3)))
                .isInstanceOfSatisfying(LowLatencyException.class, e -> assertThat(e.errno()).hasValue(Errno.EIO));
        assertThatThrownBy(() -> idle.disableIdleStatesDeeperThan(List.of(0), 2))
                .isInstanceOfSatisfying(LowLatencyException.class, e -> assertThat(e.errno()).hasValue(Errno.EIO));
    }

    private Path journal() {
        return sysfs.journal.resolve(JournalFile.NAME);
    }

    private Map<String, String> disableFlags() {
        Map<String, String> flags = new TreeMap<>();
        sysfs.files.forEach((path, value) -> {
            if (path.endsWith("/disable")) {
                flags.put(path, value);
            }
        });
        assertThat(flags).hasSize(8);
        return flags;
    }
}
