package io.github.lllqos.cli;

import io.github.lllqos.cpuidle.CpuIdle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import io.github.lllqos.spi.support.CpuList;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** CPU numbers as users type them on the command line: {@code 2}, {@code 0-3}, {@code 1,3} or {@code all}. */
final class CpuArguments {

    private CpuArguments() {
    }

    static List<Integer> parse(CommandLine commandLine, List<String> arguments, CpuIdle idle) {
        List<Integer> cpus = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("all")) {
                cpus.addAll(idle.cpus());
                continue;
            }
            try {
                List<Integer> listed = CpuList.parse(argument);
                if (listed.isEmpty()) {
                    throw new IllegalArgumentException("no CPU in '" + argument + "'");
                }
                cpus.addAll(listed);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandLine, "'" + argument + "' is not a CPU: give CPU numbers"
                        + " (2), ranges (0-3), lists (1,3) or all");
            }
        }
        return cpus;
    }

    /** Groups CPUs by a value, for commands that restore them: {@code "0,1" -> v}. */
    static <V> Map<V, String> byValue(Map<Integer, V> values) {
        Map<V, List<Integer>> grouped = new LinkedHashMap<>();
        new TreeMap<>(values).forEach((cpu, value) -> grouped.computeIfAbsent(value, v -> new ArrayList<>())
                .add(cpu));
        Map<V, String> joined = new LinkedHashMap<>();
        grouped.forEach((value, cpus) -> joined.put(value, cpus.stream().map(String::valueOf)
                .collect(Collectors.joining(","))));
        return joined;
    }
}
