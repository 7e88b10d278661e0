package io.github.lllqos.linux;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.ResumeLatency;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link UnprivilegedRestoreTest} in a child JVM: {@code hold TREE JOURNAL} sets cpu0's resume latency and
 * ends the JVM at once, as a crash would, leaving the value journalled; {@code restore TREE JOURNAL} restores and
 * prints what it did or why it could not.
 */
final class JournalProbe {

    private JournalProbe() {
    }

    public static void main(String[] args) {
        CpuIdle idle = CpuIdle.of(new CpuSysfsFiles(Path.of(args[1])), Path.of(args[2]));
        if (args[0].equals("hold")) {
            idle.setResumeLatency(List.of(0), ResumeLatency.ofMicros(20));
            System.out.println("held");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        try {
            System.out.println("restored=" + idle.restoreAbandoned());
        } catch (LowLatencyException e) {
            System.out.println("refused=" + e.getMessage() + " errno=" + e.errno().map(Enum::name).orElse(""));
        }
    }
}
