package io.github.lllqos.spi.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * CPU sets in the kernel's list format, such as {@code 0-3,8}: read from {@code present} or {@code isolated},
 * written for messages.
 */
public final class CpuList {

    private CpuList() {
    }

    /**
     * Parses a list such as {@code 0-3,8}.
     *
     * @param text the list; blank means no CPU
     * @return the CPUs in the order written
     * @throws IllegalArgumentException naming the text when it is not such a list
     */
    public static List<Integer> parse(String text) {
        List<Integer> cpus = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return cpus;
        }
        for (String range : trimmed.split(",")) {
            int dash = range.indexOf('-');
            try {
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a CPU list such as 0-3,6", e);
            }
        }
        return cpus;
    }

    /**
     * Formats CPUs as the kernel does, ascending with ranges.
     *
     * @param cpus the CPUs
     * @return such as {@code 0-3,8}, or {@code none}
     */
    public static String format(Collection<Integer> cpus) {
        StringBuilder list = new StringBuilder();
        int start = -1;
        int end = -1;
        for (int cpu : new TreeSet<>(cpus)) {
            if (cpu == end + 1 && start >= 0) {
                end = cpu;
                continue;
            }
            appendRange(list, start, end);
            start = cpu;
            end = cpu;
        }
        appendRange(list, start, end);
        return list.length() == 0 ? "none" : list.toString();
    }

    private static void appendRange(StringBuilder list, int start, int end) {
        if (start < 0) {
            return;
        }
        if (list.length() > 0) {
            list.append(',');
        }
        list.append(start);
        if (end > start) {
            list.append('-').append(end);
        }
    }
}
