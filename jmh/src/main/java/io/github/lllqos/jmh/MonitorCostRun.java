package io.github.lllqos.jmh;

import io.github.lllqos.monitor.MonitorSettings;
import io.github.lllqos.monitor.WakeupMonitor;
import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What the wake-up monitor costs, next to its floor: in a JVM that does nothing else, either the monitor
 * ({@code monitor}: its thread, its attribution and JFR stream threads, JFR's own threads) or a bare {@link Periodic}
 * thread waking as often at the same policy ({@code bare}: one {@code clock_nanosleep} per period, nothing else, no
 * JFR). After a warm-up it prints the CPU time per second of wall time of each, the process's CPU time per second
 * (which also counts the threads JFR hides, such as its recorder thread, and the JIT), and the bytes the monitor
 * thread allocated per wake-up. Run by {@code jmh/monitor-cost.sh}, which alternates the two and prints the ratio.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.github.lllqos.jmh.MonitorCostRun monitor 20 1000
 * java -cp jmh/target/benchmarks.jar io.github.lllqos.jmh.MonitorCostRun bare 20 1000
 * </pre>
 */
public final class MonitorCostRun {

    /**
     * How long each JVM runs before it measures, unless a fourth argument says otherwise: JFR's start, and the
     * JIT compiling the loop, JFR's parser and the readings' own code (JMX, the report).
     */
    static final long WARM_UP_SECONDS = 15;

    private MonitorCostRun() {
    }

    /**
     * Measures one of the two.
     *
     * @param args {@code monitor} or {@code bare}, the seconds to measure, the interval in µs (default 1000), the
     *     seconds of warm-up before (default {@value #WARM_UP_SECONDS})
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        // benchmarks.jar carries the simulated kernel too, which would be chosen first.
        if (System.getProperty("lllqos.provider") == null) {
            System.setProperty("lllqos.provider", "linux");
        }
        if (args.length < 2 || !(args[0].equals("monitor") || args[0].equals("bare"))) {
            throw new IllegalArgumentException(
                    "usage: MonitorCostRun monitor|bare SECONDS [INTERVAL_US [WARM_UP_SECONDS]]");
        }
        long seconds = Long.parseLong(args[1]);
        Duration interval = Duration.ofNanos(1000 * (args.length > 2 ? Long.parseLong(args[2]) : 1000));
        long warmUp = args.length > 3 ? Long.parseLong(args[3]) : WARM_UP_SECONDS;
        if (args[0].equals("bare")) {
            bare(seconds, interval, warmUp);
        } else {
            monitor(seconds, interval, warmUp);
        }
    }

    private static void monitor(long seconds, Duration interval, long warmUp) throws InterruptedException {
        com.sun.management.ThreadMXBean threads = threads();
        try (WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults().withInterval(interval))) {
            // The readings load and compile classes of their own (JMX, the report's advice): once in the warm-up.
            JvmPauseRun.cpuAndAllocation(threads);
            monitor.report();
            processCpuNanos();
            Thread.sleep(warmUp * 1000);
            long samplesBefore = monitor.report().samples();
            Map<String, long[]> before = JvmPauseRun.cpuAndAllocation(threads);
            long processBefore = processCpuNanos();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000);
            long processAfter = processCpuNanos();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, long[]> after = JvmPauseRun.cpuAndAllocation(threads);
            long wakeups = monitor.report().samples() - samplesBefore;
            double thread = JvmPauseRun.perSecond(before, after, "lllqos-wakeup-monitor", elapsed);
            double attribution = JvmPauseRun.perSecond(before, after, "lllqos-wakeup-attribution", elapsed);
            double stream = JvmPauseRun.perSecond(before, after, "lllqos-jfr-pauses", elapsed);
            double jfr = JvmPauseRun.perSecond(before, after, "JFR", elapsed);
            long allocated = after.get("lllqos-wakeup-monitor")[1] - before.get("lllqos-wakeup-monitor")[1];
            System.out.printf(Locale.ROOT, "monitor %d us: thread %.0f us/s, attribution %.0f us/s, JFR stream %.0f"
                    + " us/s, JFR's threads %.0f us/s, together %.0f us/s (%.2f %% of one CPU); process %.0f us/s;"
                    + " %s; allocated %d B over %d wake-ups%n", interval.toNanos() / 1000, thread, attribution,
                    stream, jfr, thread + attribution + stream + jfr, (thread + attribution + stream + jfr) / 1e4,
                    (processAfter - processBefore) / 1e3 / elapsed, monitor.scheduling(), allocated, wakeups);
        }
    }

    private static void bare(long seconds, Duration interval, long warmUp) throws InterruptedException {
        com.sun.management.ThreadMXBean threads = threads();
        long[] cpu = new long[2];
        Thread thread = new Thread(() -> {
            boolean realtime = Realtime.elevatePriority(SchedPolicy.FIFO, MonitorSettings.DEFAULT_PRIORITY)
                    .realtime();
            if (!realtime) {
                Realtime.setTimerSlackNanos(0);
            }
            Periodic periodic = Periodic.every(interval);
            long measureFrom = System.nanoTime() + warmUp * 1_000_000_000L;
            long end = measureFrom + seconds * 1_000_000_000L;
            long start = 0;
            long startCpu = 0;
            long wakeups = 0;
            while (true) {
                long deadline = periodic.awaitNext();
                if (deadline - end > 0) {
                    break;
                }
                if (start == 0 && deadline - measureFrom > 0) {
                    start = System.nanoTime();
                    startCpu = threads.getCurrentThreadCpuTime();
                }
                wakeups += start == 0 ? 0 : 1;
            }
            cpu[0] = (threads.getCurrentThreadCpuTime() - startCpu) * 1_000_000_000L / (System.nanoTime() - start);
            cpu[1] = realtime ? 1 : 0;
        }, "bare-periodic");
        thread.start();
        processCpuNanos();
        Thread.sleep(warmUp * 1000);
        long processBefore = processCpuNanos();
        long start = System.nanoTime();
        thread.join();
        double process = (processCpuNanos() - processBefore) / 1e3 / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "bare %d us: thread %.0f us/s (%.2f %% of one CPU); process %.0f us/s; %s%n",
                interval.toNanos() / 1000, cpu[0] / 1e3, cpu[0] / 1e7, process,
                cpu[1] == 1 ? "SCHED_FIFO " + MonitorSettings.DEFAULT_PRIORITY : "SCHED_OTHER with 1 ns timer slack");
    }

    private static com.sun.management.ThreadMXBean threads() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
