package io.github.lllqos.monitor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.monitor.MonitorReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's attribution checked against the JVM's own safepoint log, in a child JVM with the agent, the log
 * and a JFR recording of the monitor's LateWakeup events (each with its deadline and wake-up on the log's clock).
 */
class SafepointAttributionIT {

    @TempDir
    Path dir;

    @BeforeEach
    void requireLinuxAndRealtime() {
        RealEnvironment.require(Files.isReadable(Path.of("/proc/thread-self/schedstat")),
                "/proc/thread-self/schedstat is missing: the monitor needs Linux");
        RealEnvironment.requireRoot("runs the monitor thread at SCHED_FIFO, without which preemption blurs the"
                + " attribution");
    }

    /** What one child run left behind. */
    private record Run(MonitorReport report, List<RecordedEvent> lateWakeups, List<RecordedEvent> clockSamples,
                       List<LoggedSafepoints.Safepoint> safepoints) {
    }

    @Test
    void under_a_loaded_g1_the_worst_wake_up_is_the_longest_safepoint() throws Exception {
        // A measurement on a VM whose host takes its vCPUs at times: the 10 % bound is held by one of up to five
        // runs, each judged whole (three were not always enough on JDK 25 here).
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                worstWakeupIsTheLongestSafepoint();
                return;
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    private void worstWakeupIsTheLongestSafepoint() throws Exception {
        Run run = run(true, List.of("-XX:+UseG1GC", "-Xms64m", "-Xmx1g"));

        everyJvmPauseOverlapsALoggedSafepoint(run);
        RecordedEvent worst = run.lateWakeups().stream()
                .max(Comparator.comparingLong(e -> e.getLong("lateness"))).orElseThrow();
        // While the monitor ran: its attribution thread commits a clock sample every 200 ms.
        long from = run.clockSamples().stream().mapToLong(e -> e.getLong("nanoTime")).min().orElseThrow();
        long to = run.clockSamples().stream().mapToLong(e -> e.getLong("nanoTime")).max().orElseThrow();
        LoggedSafepoints.Safepoint longest = run.safepoints().stream()
                .filter(s -> s.start() > from && s.end() < to)
                .max(Comparator.comparingLong(LoggedSafepoints.Safepoint::nanos)).orElseThrow();
        assertThat(worst.getString("cause")).as("the cause of the worst wake-up, %s", worst)
                .isEqualTo("jvm-pause");
        assertThat((double) worst.getLong("lateness")).as("its lateness against the longest safepoint, %s",
                longest).isBetween(0.9 * longest.nanos(), 1.1 * longest.nanos());
        assertThat(run.report().jvmPauses().longestNanos()).isGreaterThanOrEqualTo((long) (0.9 * longest.nanos()));
        assertThat(run.report().advice()).first().asString().contains("was in JVM pauses")
                .contains("G1CollectForAllocation");
    }

    @Test
    void in_an_idle_run_no_wake_up_outside_a_logged_safepoint_is_called_a_jvm_pause() throws Exception {
        Run run = run(false, List.of("-XX:+UseG1GC"));

        everyJvmPauseOverlapsALoggedSafepoint(run);
        assertThat(run.report().samples()).isPositive();
    }

    private void everyJvmPauseOverlapsALoggedSafepoint(Run run) {
        for (RecordedEvent wakeup : run.lateWakeups()) {
            if (wakeup.getString("cause").equals("jvm-pause")) {
                long from = wakeup.getLong("deadlineNanoTime");
                long to = wakeup.getLong("wokeNanoTime");
                assertThat(run.safepoints()).as("a logged safepoint overlapping %s", wakeup)
                        .anyMatch(s -> s.overlaps(from, to));
            }
        }
        assertThat(run.report().pending()).as("late wake-ups left undecided at exit").isZero();
    }

    private Run run(boolean allocate, List<String> gcOptions) throws Exception {
        Path report = dir.resolve("report.json");
        Path log = dir.resolve("safepoint.log");
        Path recording = dir.resolve("wakeups.jfr");
        List<String> options = new java.util.ArrayList<>(gcOptions);
        options.add(ChildJvm.agent("monitor,report=" + report));
        options.add("-Xlog:safepoint=debug:file=" + log + ":timenanos");
        options.add("-XX:StartFlightRecording=filename=" + recording);
        ChildJvm.Result result = ChildJvm.run(options, allocate ? 6000 : 4000, allocate, "vm-thread-fifo");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("vm thread PriorityChange[REALTIME_POLICY");
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        return new Run(MonitorReport.fromJson(Files.readString(report)), named(events, "io.github.lllqos.LateWakeup"),
                named(events, "io.github.lllqos.monitor.ClockSample"), LoggedSafepoints.parse(log));
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }
}
