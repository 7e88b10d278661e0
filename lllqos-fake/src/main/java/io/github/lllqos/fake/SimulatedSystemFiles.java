package io.github.lllqos.fake;

import io.github.lllqos.spi.SystemFiles;
import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The simulated kernel's reports outside {@code /sys/devices/system/cpu}, as the {@code fake} provider offers them
 * to the API and to {@code lllqos status}: {@code /proc/self/cgroup}, {@code /proc/self/mountinfo}, the cpuset file
 * of the process's cgroup, Intel's hybrid CPU lists, the kernel version and command line (a
 * {@code PREEMPT_DYNAMIC} build in mode {@code full}, booted with the topology's {@code isolcpus=} and
 * {@code nohz_full=}), real-time throttling and {@code RLIMIT_RTPRIO} as the scheduler holds them, and {@code /proc}
 * with one process, this JVM, whose descriptors 3 and up are its open files of {@code /dev/cpu_dma_latency}.
 */
final class SimulatedSystemFiles implements SystemFiles {

    /** {@code /proc/sys/kernel/version} of the simulated kernel. */
    static final String VERSION = "#1 SMP PREEMPT_DYNAMIC simulated by lllqos-fake";
    /** The command the simulated process runs, its {@code /proc/PID/comm}. */
    static final String COMMAND = "java";

    private static final int FIRST_DEVICE_DESCRIPTOR = 3;

    private final SimulatedKernel kernel;
    private final String pid = String.valueOf(ProcessHandle.current().pid());

    SimulatedSystemFiles(SimulatedKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String read(String path) throws IOException {
        SimulatedCpuset cpuset = kernel.cpuset();
        SimulatedTopology topology = kernel.topology();
        SimulatedScheduler scheduler = kernel.scheduler();
        String process = processPath(path);
        switch (process) {
            case "/proc/self/cgroup":
                return cpuset.cgroupVersion() == 2 ? "0::" + cpuset.cgroupPath() + "\n"
                        : "4:memory:" + cpuset.cgroupPath() + "\n3:cpuset:" + cpuset.cgroupPath() + "\n"
                                + "2:cpu,cpuacct:" + cpuset.cgroupPath() + "\n0::/\n";
            case "/proc/self/mountinfo":
                return "22 1 0:21 / / rw,relatime - ext4 /dev/root rw\n"
                        + (cpuset.cgroupVersion() == 2
                                ? "31 22 0:28 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n"
                                : "31 22 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
                                        + "34 31 0:31 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset\n"
                                        + "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
            case "/proc/self/limits":
                return limits(scheduler);
            case "/proc/self/comm":
                return COMMAND + "\n";
            case "/sys/devices/cpu_core/cpus":
                return hybridList(topology.performanceCpus(), path);
            case "/sys/devices/cpu_atom/cpus":
                return hybridList(topology.efficiencyCpus(), path);
            case "/proc/sys/kernel/version":
                return VERSION + "\n";
            case "/proc/cmdline":
                return "BOOT_IMAGE=/boot/vmlinuz root=/dev/root ro" + bootList("isolcpus", topology.isolatedCpus())
                        + bootList("nohz_full", topology.nohzFullCpus()) + "\n";
            case "/sys/kernel/debug/sched/preempt":
                return "none voluntary (full) lazy\n";
            case "/proc/sys/kernel/sched_rt_runtime_us":
                return scheduler.rtRuntimeMicros() + "\n";
            case "/proc/sys/kernel/sched_rt_period_us":
                return scheduler.rtPeriodMicros() + "\n";
            default:
                break;
        }
        if (path.equals(cpuset.file())) {
            return CpuList.format(cpuset.cpus()) + "\n";
        }
        throw new NoSuchFileException(path, null, "simulated: no such file");
    }

    @Override
    public List<String> list(String path) throws IOException {
        String process = processPath(path);
        if (process.equals("/proc")) {
            return List.of(pid, "self", "sys", "cmdline");
        }
        if (process.equals("/proc/self/fd")) {
            List<String> descriptors = new ArrayList<>(List.of("0", "1", "2"));
            for (int open = 0; open < kernel.cpuDmaLatency().openFiles(); open++) {
                descriptors.add(String.valueOf(FIRST_DEVICE_DESCRIPTOR + open));
            }
            return descriptors;
        }
        if (process.equals("/proc/self/comm") || process.equals("/proc/cmdline")) {
            throw new NotDirectoryException(path);
        }
        throw new NoSuchFileException(path, null, "simulated: no such directory");
    }

    @Override
    public String readLink(String path) throws IOException {
        String process = processPath(path);
        if (process.startsWith("/proc/self/fd/")) {
            String descriptor = process.substring("/proc/self/fd/".length());
            if (list("/proc/self/fd").contains(descriptor)) {
                return Integer.parseInt(descriptor) < FIRST_DEVICE_DESCRIPTOR ? "/dev/null" : CpuDmaLatencyNode.PATH;
            }
        }
        throw new NoSuchFileException(path, null, "simulated: no such link");
    }

    /** {@code /proc/PID/...} of the simulated process as {@code /proc/self/...}. */
    private String processPath(String path) {
        String prefix = "/proc/" + pid;
        return path.equals(prefix) || path.startsWith(prefix + "/") ? "/proc/self" + path.substring(prefix.length())
                : path;
    }

    private static String limits(SimulatedScheduler scheduler) {
        return String.format("%-26s%-21s%-21s%s%n", "Limit", "Soft Limit", "Hard Limit", "Units")
                + String.format("%-26s%-21s%-21s%n", "Max realtime priority", limit(scheduler.rtprioSoft()),
                        limit(scheduler.rtprioHard()))
                + String.format("%-26s%-21s%-21s%s%n", "Max realtime timeout", "unlimited", "unlimited", "us");
    }

    private static String limit(long value) {
        return value == SimulatedScheduler.UNLIMITED ? "unlimited" : String.valueOf(value);
    }

    private static String bootList(String parameter, Set<Integer> cpus) {
        return cpus.isEmpty() ? "" : " " + parameter + "=" + CpuList.format(cpus);
    }

    private static String hybridList(Set<Integer> cpus, String path) throws NoSuchFileException {
        if (cpus.isEmpty()) {
            throw new NoSuchFileException(path, null, "simulated: not a hybrid CPU");
        }
        return CpuList.format(cpus) + "\n";
    }

    @Override
    public String toString() {
        return "SimulatedSystemFiles[" + kernel + "]";
    }
}
