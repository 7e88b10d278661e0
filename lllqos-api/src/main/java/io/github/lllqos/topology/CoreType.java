package io.github.lllqos.topology;

/** The kind of core a CPU belongs to, where the kernel tells kinds apart (hybrid CPUs). */
public enum CoreType {
    /** A performance core: Intel's {@code cpu_core}, or the highest {@code cpu_capacity} of an asymmetric CPU. */
    PERFORMANCE,
    /** An efficiency core: Intel's {@code cpu_atom}, or a lower {@code cpu_capacity} of an asymmetric CPU. */
    EFFICIENCY,
    /** All cores are alike as far as the kernel shows: no hybrid CPU lists, no differing capacities. */
    UNIFORM
}
