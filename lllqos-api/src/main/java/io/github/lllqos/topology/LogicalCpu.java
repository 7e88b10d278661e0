package io.github.lllqos.topology;

import java.util.OptionalInt;
import java.util.Set;

/**
 * One online CPU as {@code /sys/devices/system/cpu/cpuN/topology} describes it.
 *
 * @param number N of {@code cpuN}
 * @param packageId {@code physical_package_id}: the socket
 * @param dieId {@code die_id}, the package id where the kernel has none
 * @param clusterId {@code cluster_id} (CPUs sharing an L2 cache on x86), -1 where the CPU is in no cluster: where
 *     the kernel has no such file, or shows its value for none there (-1 on arm64, 65535 on x86)
 * @param coreId {@code core_id}, unique within a package and die
 * @param siblings the CPUs of the same core, this one included ({@code core_cpus_list}, formerly
 *     {@code thread_siblings_list})
 * @param capacity {@code cpu_capacity} (1024 for the fastest CPU), empty where the kernel does not expose it
 * @param coreType the kind of core
 */
public record LogicalCpu(int number, int packageId, int dieId, int clusterId, int coreId, Set<Integer> siblings,
                         OptionalInt capacity, CoreType coreType) {

    /** Copies the siblings into a set that cannot change. */
    public LogicalCpu {
        siblings = CpuSets.sorted(siblings);
    }
}
