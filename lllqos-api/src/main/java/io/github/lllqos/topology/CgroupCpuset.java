package io.github.lllqos.topology;

import java.util.Set;

/**
 * The CPUs this process's cgroup lets it use: the effective cpuset, which containers and Kubernetes set.
 *
 * @param cgroupVersion 1 or 2
 * @param file the file it was read from, such as {@code /sys/fs/cgroup/cpuset.cpus.effective}
 * @param cpus the effective CPUs
 */
public record CgroupCpuset(int cgroupVersion, String file, Set<Integer> cpus) {

    /** Copies the CPUs into a set that cannot change. */
    public CgroupCpuset {
        cpus = CpuSets.sorted(cpus);
    }
}
