package io.github.lllqos.fake;

import io.github.lllqos.spi.SystemFiles;
import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * The simulated kernel's {@code /proc/self/cgroup}, {@code /proc/self/mountinfo}, the cpuset file of the process's
 * cgroup, and Intel's hybrid CPU lists, as the {@code fake} provider offers them to the API.
 */
final class SimulatedSystemFiles implements SystemFiles {

    private final SimulatedKernel kernel;

    SimulatedSystemFiles(SimulatedKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String read(String path) throws IOException {
        SimulatedCpuset cpuset = kernel.cpuset();
        SimulatedTopology topology = kernel.topology();
        switch (path) {
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
            case "/sys/devices/cpu_core/cpus":
                return hybridList(topology.performanceCpus(), path);
            case "/sys/devices/cpu_atom/cpus":
                return hybridList(topology.efficiencyCpus(), path);
            default:
                break;
        }
        if (path.equals(cpuset.file())) {
            return CpuList.format(cpuset.cpus()) + "\n";
        }
        throw new NoSuchFileException(path, null, "simulated: no such file");
    }

    private static String hybridList(java.util.Set<Integer> cpus, String path) throws NoSuchFileException {
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
