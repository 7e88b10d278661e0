package io.github.lllqos.topology;

import java.util.Set;

/**
 * Where a reservation's CPU lies relative to another reservation's: for a pipeline's stages that share data (the
 * same core or socket shares caches) or must not disturb each other (a different core or socket).
 */
public enum CpuStrategy {
    /** A hardware-thread sibling of the other reservation's CPUs: shares the core's L1 and L2 caches. */
    SAME_CORE("on the same core as"),
    /** A CPU in the same package (socket): shares the last-level cache and memory controller. */
    SAME_SOCKET("in the same socket as"),
    /** A CPU on another core than the other reservation's. */
    DIFFERENT_CORE("on another core than"),
    /** A CPU in another package (socket). */
    DIFFERENT_SOCKET("in another socket than"),
    /** Any CPU. */
    ANY("anywhere relative to");

    private final String relation;

    CpuStrategy(String relation) {
        this.relation = relation;
    }

    /**
     * Whether a CPU may be chosen.
     *
     * @param topology the machine
     * @param candidate the CPU considered
     * @param relativeTo the other reservation's CPUs (empty when it holds none)
     * @return true when the candidate lies where this strategy asks
     */
    boolean allows(CpuTopology topology, int candidate, Set<Integer> relativeTo) {
        return switch (this) {
            case ANY -> true;
            case SAME_CORE -> relativeTo.stream().anyMatch(cpu -> topology.coreOf(cpu).cpus().contains(candidate));
            case DIFFERENT_CORE -> relativeTo.stream().noneMatch(cpu -> topology.coreOf(cpu).cpus()
                    .contains(candidate));
            case SAME_SOCKET -> relativeTo.stream().anyMatch(cpu -> topology.cpu(cpu).packageId()
                    == topology.cpu(candidate).packageId());
            case DIFFERENT_SOCKET -> relativeTo.stream().noneMatch(cpu -> topology.cpu(cpu).packageId()
                    == topology.cpu(candidate).packageId());
        };
    }

    /**
     * The relation in words, for reasons.
     *
     * @return such as {@code "on the same core as"}
     */
    String relation() {
        return relation;
    }
}
