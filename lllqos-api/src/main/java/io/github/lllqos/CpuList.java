package io.github.lllqos;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.StringJoiner;

/** The kernel's CPU list format, such as {@code "0-3,6,8-9"}, as in {@code present} and {@code isolated}. */
final class CpuList {

    private CpuList() {
    }

    static List<Integer> parse(String text) {
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

    static String format(SortedSet<Integer> cpus) {
        StringJoiner joined = new StringJoiner(",");
        Integer first = null;
        Integer last = null;
        for (int cpu : cpus) {
            if (last != null && cpu == last + 1) {
                last = cpu;
                continue;
            }
            if (first != null) {
                joined.add(first.equals(last) ? first.toString() : first + "-" + last);
            }
            first = cpu;
            last = cpu;
        }
        if (first != null) {
            joined.add(first.equals(last) ? first.toString() : first + "-" + last);
        }
        return joined.toString();
    }
}
