package io.github.lllqos.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The count, longest and total of every JVM pause seen, overall and per VM operation. Thread-safe. */
final class PauseTallies {

    private final Tally all = new Tally();
    private final Map<String, Tally> byOperation = new LinkedHashMap<>();
    private final Map<String, Set<String>> causes = new LinkedHashMap<>();

    /** One number triple, counted under the tallies' lock. */
    private static final class Tally {
        long count;
        long longest;
        long total;

        void add(long nanos) {
            count++;
            longest = Math.max(longest, nanos);
            total += nanos;
        }
    }

    synchronized void add(Pause pause) {
        all.add(pause.nanos());
        byOperation.computeIfAbsent(pause.operation(), k -> new Tally()).add(pause.nanos());
        if (!pause.gcCause().isEmpty()) {
            causes.computeIfAbsent(pause.operation(), k -> new LinkedHashSet<>()).add(pause.gcCause());
        }
    }

    synchronized MonitorReport.PauseTally total() {
        return new MonitorReport.PauseTally(all.count, all.longest, all.total);
    }

    /** Per operation, the longest total first. */
    synchronized List<MonitorReport.PauseKind> kinds() {
        List<MonitorReport.PauseKind> kinds = new ArrayList<>();
        byOperation.forEach((operation, tally) -> kinds.add(new MonitorReport.PauseKind(operation,
                List.copyOf(causes.getOrDefault(operation, Set.of())),
                new MonitorReport.PauseTally(tally.count, tally.longest, tally.total))));
        kinds.sort((a, b) -> Long.compare(b.tally().totalNanos(), a.tally().totalNanos()));
        return kinds;
    }
}
