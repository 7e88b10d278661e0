package io.github.lllqos.topology;

import java.util.Set;

/**
 * One physical core: its hardware threads share execution units and caches, so a thread that must not be
 * disturbed wants its siblings idle ({@link CpuReservation#acquireCore()}).
 *
 * @param packageId the socket
 * @param coreId the kernel's {@code core_id}
 * @param cpus the CPUs (hardware threads) of the core, ascending
 * @param coreType the kind of core
 */
public record CpuCore(int packageId, int coreId, Set<Integer> cpus, CoreType coreType) {

    /** Copies the CPUs into a set that cannot change. */
    public CpuCore {
        cpus = CpuSets.sorted(cpus);
    }

    /**
     * The lowest CPU of the core, the one {@link CpuReservation#acquireCore()} pins its thread to.
     *
     * @return the CPU number
     */
    public int firstCpu() {
        return cpus.iterator().next();
    }
}
