package io.github.lllqos.monitor.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safepoints of {@code -Xlog:safepoint=debug:file=F:timenanos}: each begins at its "synchronization initiated"
 * line and lasts its {@code Total}, on the {@link System#nanoTime()} clock. The begin line is used because the
 * closing line is printed after Java threads are released, late whenever the VM thread waits for a CPU.
 */
final class LoggedSafepoints {

    private static final Pattern BEGIN = Pattern.compile("^\\[(\\d+)ns\\] Safepoint synchronization initiated");
    private static final Pattern END = Pattern.compile("^\\[(\\d+)ns\\] Safepoint \"([^\"]+)\".* Total: (\\d+) ns");

    /** One logged safepoint. */
    record Safepoint(long start, long end, String operation) {

        boolean overlaps(long from, long to) {
            return start < to && end > from;
        }

        long nanos() {
            return end - start;
        }
    }

    private LoggedSafepoints() {
    }

    static List<Safepoint> parse(Path log) throws IOException {
        List<Safepoint> safepoints = new ArrayList<>();
        long begin = -1;
        for (String line : Files.readAllLines(log)) {
            Matcher b = BEGIN.matcher(line);
            if (b.find()) {
                begin = Long.parseLong(b.group(1));
                continue;
            }
            Matcher e = END.matcher(line);
            if (e.find()) {
                long stamp = Long.parseLong(e.group(1));
                long total = Long.parseLong(e.group(3));
                long start = begin >= 0 ? Math.min(begin, stamp - total) : stamp - total;
                safepoints.add(new Safepoint(start, Math.max(start + total, begin >= 0 ? begin + total : stamp),
                        e.group(2)));
                begin = -1;
            }
        }
        return safepoints;
    }
}
