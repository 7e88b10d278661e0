package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.spi.SystemFiles;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated {@code /proc} that {@code lllqos status} reads: it follows the simulated kernel's state. */
class SimulatedSystemFilesTest {

    private final SimulatedKernel kernel = new SimulatedKernel(KernelProfile.CURRENT, SimulatedTopology.cpus(4),
            CpuidleDriver.NONE);
    private final SystemFiles files = kernel.systemFiles();
    private final String pid = String.valueOf(ProcessHandle.current().pid());

    @Test
    void real_time_throttling_and_rlimit_rtprio_are_the_schedulers() throws Exception {
        kernel.scheduler().rtBandwidth(-1, 500_000).rtprioLimit(5, SimulatedScheduler.UNLIMITED);

        assertThat(files.read("/proc/sys/kernel/sched_rt_runtime_us")).isEqualTo("-1\n");
        assertThat(files.read("/proc/sys/kernel/sched_rt_period_us")).isEqualTo("500000\n");
        assertThat(files.read("/proc/self/limits")).containsPattern("Max realtime priority +5 +unlimited\\s");
        assertThat(files.read("/proc/" + pid + "/limits")).isEqualTo(files.read("/proc/self/limits"));
    }

    @Test
    void each_open_file_of_the_device_is_a_descriptor_of_this_process_linking_to_it() throws Exception {
        assertThat(files.list("/proc")).contains(pid);
        assertThat(files.list("/proc/" + pid + "/fd")).containsExactly("0", "1", "2");

        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(StandardOpenOption.READ)) {
            assertThat(files.list("/proc/" + pid + "/fd")).containsExactly("0", "1", "2", "3");
            assertThat(files.readLink("/proc/" + pid + "/fd/3")).isEqualTo("/dev/cpu_dma_latency");
            assertThat(files.readLink("/proc/self/fd/0")).isEqualTo("/dev/null");
        }
        assertThatThrownBy(() -> files.readLink("/proc/" + pid + "/fd/3")).isInstanceOf(NoSuchFileException.class);
        assertThat(files.read("/proc/" + pid + "/comm")).isEqualTo("java\n");
        assertThatThrownBy(() -> files.list("/proc/1/fd")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void the_kernel_is_a_dynamic_preemption_build_booted_with_the_topologys_isolated_cpus() throws Exception {
        SimulatedKernel isolated = new SimulatedKernel(KernelProfile.CURRENT,
                SimulatedTopology.cpus(4).isolated(Set.of(2, 3)), CpuidleDriver.NONE);

        assertThat(isolated.systemFiles().read("/proc/sys/kernel/version")).contains("PREEMPT_DYNAMIC");
        assertThat(isolated.systemFiles().read("/sys/kernel/debug/sched/preempt")).contains("(full)");
        assertThat(isolated.systemFiles().read("/proc/cmdline")).contains(" isolcpus=2-3");
        assertThat(files.read("/proc/cmdline")).doesNotContain("isolcpus");
        assertThatThrownBy(() -> files.read("/sys/kernel/realtime")).isInstanceOf(NoSuchFileException.class);
    }
}
