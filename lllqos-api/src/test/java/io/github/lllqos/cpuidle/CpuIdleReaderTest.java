package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatencyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuIdleReaderTest {

    private final TestCpuSysfs sysfs = TestCpuSysfs.withCpus(2)
            .withState(0, 0, "POLL", 0).withState(0, 1, "C1", 2).withState(0, 2, "C1E", 10)
            .withState(0, 3, "C6", 133).withState(1, 0, "POLL", 0).withState(1, 1, "C1", 2)
            .withState(1, 2, "C1E", 10);
    private final CpuIdleReader reader = new CpuIdleReader(new SysfsAccess(sysfs));

    @Test
    void idle_states_are_read_shallowest_first_with_their_exit_latency_and_usage() {
        sysfs.withState(0, 10, "C10", 890);

        List<IdleState> states = reader.idleStates(0);

        assertThat(states).extracting(IdleState::name).containsExactly("POLL", "C1", "C1E", "C6", "C10");
        assertThat(states.get(3)).isEqualTo(new IdleState(0, 3, "C6", 133, false, 300));
    }

    @Test
    void a_cpu_without_a_cpuidle_directory_has_no_idle_states() {
        TestCpuSysfs bare = TestCpuSysfs.withCpus(1);

        assertThat(new CpuIdleReader(new SysfsAccess(bare)).idleStates(0)).isEmpty();
        assertThat(new CpuIdleReader(new SysfsAccess(bare)).driver(0)).isEqualTo("none");
    }

    @Test
    void a_cpus_own_driver_wins_over_the_system_driver_and_the_governor_falls_back_to_the_read_only_file() {
        sysfs.files.put("cpu1/cpuidle/driver/name", "intel_idle");
        sysfs.files.put("cpuidle/current_governor", "teo");

        assertThat(reader.driver(0)).isEqualTo("none");
        assertThat(reader.driver(1)).isEqualTo("intel_idle");
        assertThat(reader.governor()).isEqualTo("teo");
        sysfs.files.remove("cpuidle/current_governor");
        assertThat(reader.governor()).isEqualTo("menu");
    }

    @Test
    void a_missing_resume_latency_file_is_reported_as_missing() {
        sysfs.files.remove("cpu1/power/pm_qos_resume_latency_us");

        assertThatThrownBy(() -> reader.resumeLatency(1)).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("read(/test/cpu/cpu1/power/pm_qos_resume_latency_us) failed: ENOENT");
    }

    @Test
    void a_file_that_holds_what_the_kernel_would_not_write_is_an_error_naming_it_and_its_content() {
        sysfs.files.put("cpu0/cpuidle/state2/latency", "ten");
        sysfs.files.put("cpu1/cpuidle/state2/usage", "99999999999999999999");
        sysfs.files.put("cpu1/power/pm_qos_resume_latency_us", "-3");

        assertThatThrownBy(() -> reader.idleStates(0)).isInstanceOf(LowLatencyException.class)
                .hasMessage("/test/cpu/cpu0/cpuidle/state2/latency holds 'ten', not a number");
        assertThatThrownBy(() -> reader.idleStates(1)).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("cpu1/cpuidle/state2/usage holds '99999999999999999999'");
        assertThatThrownBy(() -> reader.resumeLatency(1)).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("/test/cpu/cpu1/power/pm_qos_resume_latency_us holds '-3', which is not a"
                        + " resume latency");
    }
}
