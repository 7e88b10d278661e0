package io.github.lllqos.cpuidle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SysfsLayoutTest {

    @Test
    void only_cpu_and_state_directories_name_a_cpu_or_a_state() {
        assertThat(SysfsLayout.cpuOf("cpu12")).hasValue(12);
        assertThat(SysfsLayout.cpuOf("cpufreq")).isEmpty();
        assertThat(SysfsLayout.cpuOf("cpu")).isEmpty();
        assertThat(SysfsLayout.cpuOf("cpuidle")).isEmpty();
        assertThat(SysfsLayout.stateOf("state3")).hasValue(3);
        assertThat(SysfsLayout.stateOf("driver")).isEmpty();
        assertThat(SysfsLayout.stateOf("state99999999999")).as("too long for a state number").isEmpty();
    }

    @Test
    void the_files_of_a_cpu_are_named_as_the_kernel_names_them() {
        assertThat(SysfsLayout.resumeLatency(3)).isEqualTo("cpu3/power/pm_qos_resume_latency_us");
        assertThat(SysfsLayout.disable(new IdleState(1, 2, "C1E", 10, false, 0)))
                .isEqualTo("cpu1/cpuidle/state2/disable");
        assertThat(SysfsLayout.stateFile(0, 1, "latency")).isEqualTo("cpu0/cpuidle/state1/latency");
        assertThat(SysfsLayout.driver(2)).isEqualTo("cpu2/cpuidle/driver/name");
    }

    @Test
    void only_the_files_lllqos_changes_spelled_as_it_spells_them_are_recognised() {
        assertThat(SysfsLayout.isResumeLatency("cpu3/power/pm_qos_resume_latency_us")).isTrue();
        assertThat(SysfsLayout.isDisable("cpu1/cpuidle/state2/disable")).isTrue();
        for (String other : new String[] {"cpu03/power/pm_qos_resume_latency_us", "cpu3/power/../power/"
                + "pm_qos_resume_latency_us", "../../../../tmp/x/pm_qos_resume_latency_us", "cpu1/cpuidle/state2/name",
                "cpu1/cpuidle/state02/disable", "cpu1/cpuidle/state2/disable/", "/cpu1/cpuidle/state2/disable",
                "cpu1/cpuidle/../../../tmp/disable", "present", ""}) {
            assertThat(SysfsLayout.isResumeLatency(other) || SysfsLayout.isDisable(other)).as(other).isFalse();
        }
    }
}
