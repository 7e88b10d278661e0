package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatencyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PresentCpusTest {

    private final TestCpuSysfs sysfs = TestCpuSysfs.withCpus(2);
    private final PresentCpus cpus = new PresentCpus(new SysfsAccess(sysfs));

    @Test
    void the_cpus_come_from_the_present_list() {
        sysfs.files.put("present", "0-1,3");
        sysfs.files.put("cpu3/power/pm_qos_resume_latency_us", "0");

        assertThat(cpus.list()).containsExactly(0, 1, 3);
    }

    @Test
    void without_a_present_list_the_cpu_directories_count() {
        sysfs.files.remove("present");

        assertThat(cpus.list()).containsExactly(0, 1);
    }

    @Test
    void a_present_list_the_kernel_would_not_write_is_an_error_naming_the_file() {
        sysfs.files.put("present", "0-");

        assertThatThrownBy(cpus::list).isInstanceOf(LowLatencyException.class)
                .hasMessage("/test/cpu/present holds '0-', which is not a CPU list such as 0-3,6");
    }

    @Test
    void without_a_present_list_or_a_top_directory_the_failure_to_read_present_is_thrown() {
        TestCpuSysfs empty = new TestCpuSysfs();

        assertThatThrownBy(() -> new PresentCpus(new SysfsAccess(empty)).list())
                .isInstanceOf(LowLatencyException.class).hasMessageContaining("read(/test/cpu/present) failed: ENOENT");
    }

    @Test
    void cpus_given_come_back_ascending_and_one_not_present_is_refused_naming_the_cpus_here_and_the_file() {
        assertThat(cpus.require(List.of(1, 0, 1))).containsExactly(0, 1);
        assertThatThrownBy(() -> cpus.require(List.of(0, 7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPU 7 does not exist: the CPUs here are 0-1 (/test/cpu/present)");
        assertThatThrownBy(() -> cpus.require(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one CPU");
    }
}
