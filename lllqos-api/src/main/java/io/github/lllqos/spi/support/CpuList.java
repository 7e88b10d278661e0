package io.github.lllqos.spi.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * CPU sets in the kernel's list format, such as {@code 0-3,8}: read from {@code present} or {@code isolated},
 * typed by users ({@code -a 3-5,0}), written for messages. The one parser and formatter of CPU lists.
 */
public final class CpuList {

    /** The highest CPU number a list may name: the kernel's {@code NR_CPUS} limit is 8192. */
    public static final int MAX_CPU = 8191;

    private CpuList() {
    }

    /**
     * Parses a list such as {@code 0-3,8}.
     *
     * @param text the list: CPU numbers and ascending ranges separated by commas; blank means no CPU
     * @return the CPUs in the order written, repeats kept
     * @throws IllegalArgumentException naming the text when it is not such a list (a sign, an empty part, a
     *     range that runs backwards, a number above {@value #MAX_CPU})
     */
    public static List<Integer> parse(String text) {
        List<Integer> cpus = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return cpus;
        }
        for (String range : trimmed.split(",", -1)) {
            String[] ends = range.split("-", -1);
            if (ends.length > 2) {
                throw notAList(text);
            }
            int first = cpu(ends[0], text);
            int last = ends.length == 2 ? cpu(ends[1], text) : first;
            if (last < first) {
                throw new IllegalArgumentException("'" + text + "' is not a CPU list: the range " + range
                        + " runs backwards");
            }
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    private static int cpu(String number, String text) {
        if (number.isEmpty() || number.length() > 5 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw notAList(text);
        }
        int cpu = Integer.parseInt(number);
        if (cpu > MAX_CPU) {
            throw new IllegalArgumentException("'" + text + "' is not a CPU list: CPU " + cpu + " is above "
                    + MAX_CPU);
        }
        return cpu;
    }

    private static IllegalArgumentException notAList(String text) {
        return new IllegalArgumentException("'" + text + "' is not a CPU list such as 0-3,6: CPU numbers and"
                + " ascending ranges separated by commas");
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
