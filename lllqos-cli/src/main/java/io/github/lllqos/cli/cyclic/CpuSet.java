package io.github.lllqos.cli.cyclic;

import java.util.ArrayList;
import java.util.List;

/**
 * A CPU list as cyclictest's {@code -a} takes it: comma-separated CPU numbers and ranges, {@code "3-5,0"}.
 * Thread N runs on the N-th CPU of the list, round robin.
 */
public final class CpuSet {

    private final List<Integer> cpus;

    private CpuSet(List<Integer> cpus) {
        this.cpus = List.copyOf(cpus);
    }

    /**
     * Parses a CPU list.
     *
     * @param list comma-separated CPU numbers ({@code 2}) and ranges ({@code 3-5}), in the order threads take them
     * @return the set
     * @throws IllegalArgumentException for anything else, naming the list and the rule
     */
    public static CpuSet parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                throw invalid(list);
            }
            int first = cpu(ends[0], list);
            int last = ends.length == 2 ? cpu(ends[1], list) : first;
            if (last < first) {
                throw new IllegalArgumentException("-a CPU list '" + list + "': a range must not run backwards ("
                        + part + ")");
            }
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return new CpuSet(cpus);
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

    private static int cpu(String text, String list) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 5) {
            throw invalid(list);
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String list) {
        return new IllegalArgumentException("-a CPU list must be CPU numbers and ranges separated by commas, like"
                + " 0 or 3-5,0; was '" + list + "'");
    }

    @Override
    public String toString() {
        return cpus.toString();
    }
}
