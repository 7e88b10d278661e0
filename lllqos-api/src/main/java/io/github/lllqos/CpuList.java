package io.github.lllqos;

import java.util.Collection;
import java.util.TreeSet;

/** CPU sets in the kernel's list format, such as {@code 0-3,8}, for messages. */
final class CpuList {

    private CpuList() {
    }

    static String format(Collection<Integer> cpus) {
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
