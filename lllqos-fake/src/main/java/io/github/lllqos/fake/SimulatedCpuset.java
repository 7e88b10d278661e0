package io.github.lllqos.fake;

import io.github.lllqos.spi.support.CpuList;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cgroup of the simulated process and its effective cpuset, as a container or a Kubernetes pod gets it.
 *
 * @param cgroupVersion 1 (the cpuset hierarchy at {@code /sys/fs/cgroup/cpuset}) or 2 (unified, at
 *     {@code /sys/fs/cgroup})
 * @param cgroupPath the cgroup as {@code /proc/self/cgroup} shows it, such as {@code "/kubepods/pod1/c1"}
 * @param cpus the effective CPUs, at least one
 */
public record SimulatedCpuset(int cgroupVersion, String cgroupPath, Set<Integer> cpus) {

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException naming the value when the version is not 1 or 2, the path does not start
     *     with {@code /}, or the CPU set is empty (the kernel never gives a cgroup with tasks an empty effective
     *     cpuset)
     */
    public SimulatedCpuset {
        if (cgroupVersion != 1 && cgroupVersion != 2) {
            throw new IllegalArgumentException("cgroup version " + cgroupVersion + " does not exist: it is 1 or 2");
        }
        if (!cgroupPath.startsWith("/")) {
            throw new IllegalArgumentException("cgroup path '" + cgroupPath + "' must start with /, as in"
                    + " /proc/self/cgroup");
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("the cpuset of " + cgroupPath + " is empty: a cgroup with tasks always"
                    + " has at least one effective CPU");
        }
        cpus = Collections.unmodifiableSet(new TreeSet<>(cpus));
    }

    /**
     * A cgroup v2 cpuset, as current Docker and Kubernetes make.
     *
     * @param cgroupPath such as {@code "/docker/abc"}
     * @param cpus the effective CPUs
     * @return the cpuset
     */
    public static SimulatedCpuset v2(String cgroupPath, Set<Integer> cpus) {
        return new SimulatedCpuset(2, cgroupPath, cpus);
    }

    /**
     * A cgroup v1 cpuset, as older hosts make.
     *
     * @param cgroupPath such as {@code "/docker/abc"}
     * @param cpus the effective CPUs
     * @return the cpuset
     */
    public static SimulatedCpuset v1(String cgroupPath, Set<Integer> cpus) {
        return new SimulatedCpuset(1, cgroupPath, cpus);
    }

    /** The file that holds the effective CPUs, as the process sees it. */
    String file() {
        String directory = (cgroupVersion == 2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/cpuset")
                + (cgroupPath.equals("/") ? "" : cgroupPath);
        return directory + (cgroupVersion == 2 ? "/cpuset.cpus.effective" : "/cpuset.effective_cpus");
    }

    @Override
    public String toString() {
        return "SimulatedCpuset[v" + cgroupVersion + " " + cgroupPath + ": " + CpuList.format(cpus) + "]";
    }
}
