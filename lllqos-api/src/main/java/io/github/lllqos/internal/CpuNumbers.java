package io.github.lllqos.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The checks of CPU numbers that callers pass to the API: at least one, none negative, and each among the CPUs
 * there are. They run before any change, so bad input changes nothing.
 */
public final class CpuNumbers {

    private CpuNumbers() {
    }

    /**
     * Checks that CPU numbers could name CPUs.
     *
     * @param cpus the CPU numbers given
     * @return them, ascending, without repeats, unmodifiable
     * @throws IllegalArgumentException when none is given, or one is null or negative, naming it
     */
    public static SortedSet<Integer> checked(Collection<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("the CPU set is empty: name at least one CPU");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer cpu : cpus) {
            if (cpu == null || cpu < 0) {
                throw new IllegalArgumentException("CPU " + cpu + " in " + cpus + " is not a CPU number: CPU"
                        + " numbers are 0 or more");
            }
            sorted.add(cpu);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    /**
     * Checks that each CPU is among those there are.
     *
     * @param cpus the CPUs, from {@link #checked(Collection)}
     * @param available the CPUs there are, such as the online ones
     * @param notAvailable what is wrong with a CPU outside them, after {@code "CPU n "}, such as {@code "is not
     *     online here: the online CPUs are 0-3"}
     * @throws IllegalArgumentException naming the first CPU that is not among them
     */
    public static void requireAmong(Collection<Integer> cpus, Collection<Integer> available, String notAvailable) {
        for (int cpu : cpus) {
            if (!available.contains(cpu)) {
                throw new IllegalArgumentException("CPU " + cpu + " " + notAvailable);
            }
        }
    }
}
