package io.github.lllqos.topology;

import java.util.List;
import java.util.Set;

/**
 * One package (socket): the CPUs that share its last-level cache and memory controller.
 *
 * @param id the kernel's {@code physical_package_id}
 * @param cpus its online CPUs, ascending
 * @param cores its cores, by lowest CPU
 */
public record CpuPackage(int id, Set<Integer> cpus, List<CpuCore> cores) {

    /** Copies the CPUs and cores into collections that cannot change. */
    public CpuPackage {
        cpus = CpuSets.sorted(cpus);
        cores = List.copyOf(cores);
    }
}
