package io.github.lllqos.spi;

import java.io.IOException;

/**
 * The kernel's read-only reports outside {@code /sys/devices/system/cpu} that CPU planning needs, or a model of
 * them: {@code /proc/self/cgroup}, {@code /proc/self/mountinfo}, the cpuset files under the cgroup mounts (such as
 * {@code /sys/fs/cgroup/cpuset.cpus.effective}) and the hybrid CPU lists {@code /sys/devices/cpu_core/cpus} and
 * {@code /sys/devices/cpu_atom/cpus}.
 *
 * <p>Files are named by their absolute path as the process sees it. Like {@link CpuSysfs}, a provider only moves
 * strings: the API parses them, so a simulated kernel shows exactly what the real one would.
 */
public interface SystemFiles {

    /**
     * Reads a file.
     *
     * @param path the absolute path, such as {@code "/proc/self/cgroup"}
     * @return the content, as the kernel prints it
     * @throws IOException when the file is missing ({@link java.nio.file.NoSuchFileException}), not readable, or
     *     the read fails
     */
    String read(String path) throws IOException;
}
