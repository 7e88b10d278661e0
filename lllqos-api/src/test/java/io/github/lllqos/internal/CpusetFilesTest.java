package io.github.lllqos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.spi.SystemFiles;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpusetFilesTest {

    private static SystemFiles files(Map<String, String> contents) {
        return path -> {
            String content = contents.get(path);
            if (content == null) {
                throw new NoSuchFileException(path);
            }
            return content;
        };
    }

    @Test
    void a_v2_container_with_its_own_cgroup_namespace_reads_the_root_of_its_mount() {
        CpusetFiles.Cpuset cpuset = new CpusetFiles(files(Map.of(
                "/proc/self/cgroup", "0::/\n",
                "/proc/self/mountinfo", "30 25 0:26 / /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n",
                "/sys/fs/cgroup/cpuset.cpus.effective", "2-3\n"))).read().orElseThrow();
        assertThat(cpuset.cgroupVersion()).isEqualTo(2);
        assertThat(cpuset.cpus()).containsExactly(2, 3);
    }

    @Test
    void a_v1_container_without_a_cgroup_namespace_strips_the_mount_root_from_its_path() {
        CpusetFiles.Cpuset cpuset = new CpusetFiles(files(Map.of(
                "/proc/self/cgroup", "12:cpuset:/docker/abc\n11:memory:/docker/abc\n",
                "/proc/self/mountinfo", "40 31 0:31 /docker/abc /sys/fs/cgroup/cpuset ro - cgroup cgroup rw,cpuset\n",
                "/sys/fs/cgroup/cpuset/cpuset.effective_cpus", "0,4\n"))).read().orElseThrow();
        assertThat(cpuset.file()).isEqualTo("/sys/fs/cgroup/cpuset/cpuset.effective_cpus");
        assertThat(cpuset.cpus()).containsExactly(0, 4);
    }

    @Test
    void a_v2_cgroup_without_the_cpuset_controller_takes_its_nearest_parent_that_has_it() {
        CpusetFiles.Cpuset cpuset = new CpusetFiles(files(Map.of(
                "/proc/self/cgroup", "0::/user.slice/session-1.scope\n",
                "/proc/self/mountinfo", "30 25 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n",
                "/sys/fs/cgroup/user.slice/cpuset.cpus.effective", "0-7\n"))).read().orElseThrow();
        assertThat(cpuset.file()).isEqualTo("/sys/fs/cgroup/user.slice/cpuset.cpus.effective");
        assertThat(cpuset.cpus()).hasSize(8);
    }

    @Test
    void no_readable_cgroup_means_no_cpuset() {
        assertThat(new CpusetFiles(files(Map.of())).read()).isEmpty();
        assertThat(new CpusetFiles(files(Map.of("/proc/self/cgroup", "0::/\n"))).read()).isEmpty();
    }
}
