package io.github.lllqos.linux;

import io.github.lllqos.Errno;
import io.github.lllqos.spi.SysfsException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.cpuidle.ResumeLatencyLease;
import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.contract.RealSysfsBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Linux provider's CPU attribute files: on the real sysfs (every value touched is restored) and on a copy. */
@ExtendWith(RealSysfsBaseline.class)
class CpuSysfsFilesTest {

    private static final Path REAL = CpuSysfsFiles.KERNEL_DIRECTORY;

    @TempDir
    Path temp;

    private final Map<Path, String> saved = new LinkedHashMap<>();

    @AfterEach
    void restore_every_real_value_touched() throws IOException {
        for (Map.Entry<Path, String> entry : saved.entrySet()) {
            Files.writeString(entry.getKey(), entry.getValue());
        }
    }

    @Test
    void a_lease_sets_the_real_resume_latency_of_each_cpu_and_restores_it() throws IOException {
        List<Integer> cpus = requireWritableResumeLatency();
        CpuIdle idle = CpuIdle.of(new LinuxProvider().cpuSysfs().orElseThrow());
        Map<Integer, ResumeLatency> before = new LinkedHashMap<>();
        cpus.forEach(cpu -> before.put(cpu, idle.resumeLatency(cpu)));

        try (ResumeLatencyLease lease = idle.setResumeLatency(cpus, ResumeLatency.ofMicros(17))) {
            for (int cpu : cpus) {
                assertThat(Files.readString(resumeLatencyFile(cpu))).isEqualTo("17\n");
            }
            assertThat(lease.previousValues()).isEqualTo(before);
        }

        for (int cpu : cpus) {
            assertThat(idle.resumeLatency(cpu)).isEqualTo(before.get(cpu));
        }
    }

    @Test
    void the_strictest_and_no_constraint_round_trip_through_the_kernels_inverted_forms() throws IOException {
        int cpu = requireWritableResumeLatency().get(0);
        CpuIdle idle = CpuIdle.of(new CpuSysfsFiles(REAL));

        try (ResumeLatencyLease strictest = idle.setResumeLatency(List.of(cpu), ResumeLatency.strictest())) {
            assertThat(Files.readString(resumeLatencyFile(cpu))).isEqualTo("n/a\n");
            assertThat(idle.resumeLatency(cpu)).isEqualTo(ResumeLatency.strictest());
            try (ResumeLatencyLease none = idle.setResumeLatency(List.of(cpu), ResumeLatency.noConstraint())) {
                assertThat(Files.readString(resumeLatencyFile(cpu))).isEqualTo("0\n");
            }
            assertThat(Files.readString(resumeLatencyFile(cpu))).isEqualTo("n/a\n");
        }
    }

    @Test
    void the_kernel_refuses_2147483647_with_einval_and_keeps_its_value() throws IOException {
        int cpu = requireWritableResumeLatency().get(0);
        CpuSysfsFiles sysfs = new CpuSysfsFiles(REAL);
        String before = Files.readString(resumeLatencyFile(cpu));

        assertThatThrownBy(() -> sysfs.write("cpu" + cpu + "/power/pm_qos_resume_latency_us", "2147483647"))
                .isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThat(Files.readString(resumeLatencyFile(cpu))).isEqualTo(before);
    }

    @Test
    void the_real_idle_states_agree_with_the_real_driver() {
        RealEnvironment.require(Files.isReadable(REAL.resolve("present")), REAL + "/present is not readable");
        CpuIdle idle = CpuIdle.of(new CpuSysfsFiles(REAL));

        for (int cpu : idle.cpus()) {
            List<IdleState> states = idle.idleStates(cpu);
            if (idle.driver(cpu).equals("none")) {
                assertThat(states).as("cpu%d without a cpuidle driver", cpu).isEmpty();
            } else {
                assertThat(states).as("cpu%d", cpu).isNotEmpty().allSatisfy(state ->
                        assertThat(state.exitLatencyMicros()).isNotNegative());
            }
        }
        assertThat(idle.governor()).isNotBlank();
    }

    @Test
    void a_missing_attribute_is_reported_missing_and_never_created() throws IOException {
        Files.createDirectories(temp.resolve("cpu0/power"));
        CpuSysfsFiles sysfs = new CpuSysfsFiles(temp);

        assertThatThrownBy(() -> sysfs.write("cpu0/power/pm_qos_resume_latency_us", "5"))
                .isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
                .hasMessageContaining(temp.toString());
        assertThat(temp.resolve("cpu0/power/pm_qos_resume_latency_us")).doesNotExist();
        assertThatThrownBy(() -> sysfs.read("cpu0/power/pm_qos_resume_latency_us"))
                .isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        assertThat(CpuIdle.of(sysfs).cpus()).as("from the cpuN directories").containsExactly(0);
        assertThatThrownBy(() -> CpuIdle.of(sysfs).resumeLatency(0)).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining(temp.resolve("cpu0/power/pm_qos_resume_latency_us").toString())
                .hasMessageContaining("ENOENT");
    }

    @Test
    void a_copied_tree_is_read_like_the_kernels_and_written_over_whole() throws IOException {
        Path state = Files.createDirectories(temp.resolve("cpu0/cpuidle/state2"));
        Files.createDirectories(temp.resolve("cpu0/power"));
        Files.writeString(temp.resolve("present"), "0\n");
        Files.writeString(temp.resolve("cpu0/power/pm_qos_resume_latency_us"), "100\n");
        Files.writeString(state.resolve("name"), "C6\n");
        Files.writeString(state.resolve("latency"), "133\n");
        Files.writeString(state.resolve("disable"), "0\n");
        Files.writeString(state.resolve("usage"), "42\n");
        CpuIdle idle = CpuIdle.of(new CpuSysfsFiles(temp));

        assertThat(idle.idleStates(0)).containsExactly(new IdleState(0, 2, "C6", 133, false, 42));
        try (ResumeLatencyLease lease = idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(5))) {
            assertThat(Files.readString(temp.resolve("cpu0/power/pm_qos_resume_latency_us"))).isEqualTo("5");
        }
        assertThat(idle.resumeLatency(0)).isEqualTo(ResumeLatency.ofMicros(100));
    }

    private List<Integer> requireWritableResumeLatency() throws IOException {
        Path cpu0 = resumeLatencyFile(0);
        RealEnvironment.require(Files.isWritable(cpu0), cpu0 + " is missing or not writable by this user");
        List<Integer> cpus = CpuIdle.of(new CpuSysfsFiles(REAL)).cpus();
        for (int cpu : cpus) {
            saved.put(resumeLatencyFile(cpu), Files.readString(resumeLatencyFile(cpu)).strip());
        }
        return cpus;
    }

    private static Path resumeLatencyFile(int cpu) {
        return REAL.resolve("cpu" + cpu + "/power/pm_qos_resume_latency_us");
    }
}
