package io.github.lllqos.cli.cyclic;

import io.github.lllqos.spi.support.CpuList;
import java.util.List;

/**
 * A CPU list as cyclictest's {@code -a} takes it: comma-separated CPU numbers and ranges, {@code "3-5,0"}.
 * Thread N runs on the N-th CPU of the list, round robin.
 */
public final class CpuRotation {

    private final List<Integer> cpus;

    private CpuRotation(List<Integer> cpus) {
        this.cpus = List.copyOf(cpus);
    }

    /**
     * Parses a CPU list with {@link CpuList}.
     *
     * @param list comma-separated CPU numbers ({@code 2}) and ranges ({@code 3-5}), in the order threads take them
     * @return the set
     * @throws IllegalArgumentException for anything else, naming the list and the rule
     */
    public static CpuRotation parse(String list) {
        try {
            return of(CpuList.parse(list));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-a CPU list: " + e.getMessage(), e);
        }
    }

    /**
     * The given CPUs, in the order threads take them.
     *
     * @param cpus at least one CPU
     * @return the set
     * @throws IllegalArgumentException if there is none
     */
    public static CpuRotation of(List<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("-a CPU list must name at least one CPU");
        }
        return new CpuRotation(cpus);
    }

    /**
     * The CPU for a measuring thread.
     *
     * @param thread the thread number, from 0
     * @return the CPU it is pinned to
     */
    public int cpuFor(int thread) {
        return cpus.get(thread % cpus.size());
    }

    /** The CPUs in list order, repeats kept. */
    public List<Integer> cpus() {
        return cpus;
    }

    @Override
    public String toString() {
        return cpus.toString();
    }
}
