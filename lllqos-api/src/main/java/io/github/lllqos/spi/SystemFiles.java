package io.github.lllqos.spi;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * The kernel's read-only reports outside {@code /sys/devices/system/cpu}, or a model of them: for CPU planning
 * {@code /proc/self/cgroup}, {@code /proc/self/mountinfo}, the cpuset files under the cgroup mounts (such as
 * {@code /sys/fs/cgroup/cpuset.cpus.effective}) and the hybrid CPU lists {@code /sys/devices/cpu_core/cpus} and
 * {@code /sys/devices/cpu_atom/cpus}; for {@code lllqos status} the kernel version and command line
 * ({@code /proc/sys/kernel/version}, {@code /proc/cmdline}, {@code /sys/kernel/realtime},
 * {@code /sys/kernel/debug/sched/preempt}), real-time throttling ({@code /proc/sys/kernel/sched_rt_runtime_us},
 * {@code sched_rt_period_us}), {@code /proc/self/limits}, and which processes hold a file open
 * ({@code /proc/PID/fd}, {@code /proc/PID/comm}).
 *
 * <p>Files are named by their absolute path as the process sees it. Like {@link CpuSysfs}, a provider only moves
 * strings: the API and the command parse them, so a simulated kernel shows exactly what the real one would.
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

    /**
     * Lists a directory, such as {@code /proc} or {@code /proc/PID/fd}.
     *
     * @param path the absolute path of the directory
     * @return the names of its entries, in no particular order
     * @throws IOException when the directory is missing ({@link NoSuchFileException}, the default: this provider
     *     offers no directories), not a directory, or not readable
     */
    default List<String> list(String path) throws IOException {
        throw new NoSuchFileException(path, null, "this provider lists no directories");
    }

    /**
     * Reads a symbolic link, such as a descriptor's {@code /proc/PID/fd/N}.
     *
     * @param path the absolute path of the link
     * @return its target, such as {@code "/dev/cpu_dma_latency"}
     * @throws IOException when the link is missing ({@link NoSuchFileException}, the default: this provider offers
     *     no links), not a link, or not readable
     */
    default String readLink(String path) throws IOException {
        throw new NoSuchFileException(path, null, "this provider reads no links");
    }
}
