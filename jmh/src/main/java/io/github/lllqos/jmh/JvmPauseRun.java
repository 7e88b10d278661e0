package io.github.lllqos.jmh;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.monitor.LatenessCause;
import io.github.lllqos.monitor.MonitorReport;
import io.github.lllqos.monitor.MonitorSettings;
import io.github.lllqos.monitor.WakeupMonitor;
import io.github.lllqos.realtime.Realtime;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One row of the JVM-pause table: the wake-up monitor (a SCHED_FIFO 80 thread on {@code Periodic}, 1 ms, a 0 µs
 * CPU latency request) in a JVM that is idle or whose main thread allocates 64 B to 4 KB arrays and keeps one in
 * 50 (up to 200,000), for a number of seconds; then the lateness percentiles, what the monitor attributed, and
 * what the monitor cost: CPU time per second of its own threads and of JFR's, and bytes allocated per wake-up by
 * the monitor thread. Run by {@code jmh/jvm-pauses.sh} under each collector. Not a JMH benchmark: a pause is a
 * property of the whole JVM, so each configuration gets a JVM of its own.
 *
 * <pre>
 * java -XX:+UseZGC -Xms2g -Xmx2g -cp jmh/target/benchmarks.jar io.github.lllqos.jmh.JvmPauseRun 8 allocate
 * </pre>
 */
public final class JvmPauseRun {

    private JvmPauseRun() {
    }

    /**
     * Runs one configuration and prints its row.
     *
     * @param args seconds, {@code allocate} or {@code idle}, and optionally {@code lock} to call
     *     {@code Realtime.lockMemory()} first
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        // benchmarks.jar carries the simulated kernel too, which would be chosen first.
        if (System.getProperty("lllqos.provider") == null) {
            System.setProperty("lllqos.provider", "linux");
        }
        long seconds = Long.parseLong(args[0]);
        if (args.length > 1 && args[1].equals("bare")) {
            bare(seconds);
            return;
        }
        boolean allocate = args.length > 1 && args[1].equals("allocate");
        boolean lock = args.length > 2 && args[2].equals("lock");
        if (lock) {
            Realtime.lockMemory().warning().ifPresent(warning -> System.err.println("warning: " + warning));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(0);
             WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults())) {
            Thread.sleep(2000);
            Map<String, long[]> before = cpuAndAllocation(threads);
            long samplesBefore = monitor.report().samples();
            long start = System.nanoTime();
            load(seconds * 1_000_000_000L, allocate);
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, long[]> after = cpuAndAllocation(threads);
            MonitorReport report = monitor.report();
            long wakeups = report.samples() - samplesBefore;
            monitor.close();
            print(collector(), allocate ? "allocating" : "idle", monitor.report(), lease.acquired());
            System.out.printf(Locale.ROOT, "cost: monitor thread %.0f µs/s, attribution %.0f µs/s, JFR stream %.0f"
                    + " µs/s, JFR's own threads %.0f µs/s; monitor thread allocated %.2f B per wake-up over %d%n",
                    perSecond(before, after, "lllqos-wakeup-monitor", elapsed),
                    perSecond(before, after, "lllqos-wakeup-attribution", elapsed),
                    perSecond(before, after, "lllqos-jfr-pauses", elapsed),
                    perSecond(before, after, "JFR", elapsed),
                    (double) (after.get("lllqos-wakeup-monitor")[1] - before.get("lllqos-wakeup-monitor")[1])
                            / Math.max(1, wakeups), wakeups);
        }
    }

    /**
     * The floor of the monitor's cost: a thread doing nothing but the same SCHED_FIFO 80 absolute sleeps on
     * {@code Periodic}, every 1 ms, with no lateness recording, counters or JFR.
     */
    private static void bare(long seconds) throws InterruptedException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] cpu = new long[1];
        Thread thread = new Thread(() -> {
            Realtime.elevatePriority(io.github.lllqos.realtime.SchedPolicy.FIFO, 80);
            io.github.lllqos.realtime.Periodic periodic =
                    io.github.lllqos.realtime.Periodic.every(java.time.Duration.ofMillis(1));
            long end = System.nanoTime() + (seconds + 2) * 1_000_000_000L;
            long start = 0;
            long startCpu = 0;
            while (System.nanoTime() < end) {
                periodic.awaitNext();
                if (start == 0 && System.nanoTime() > end - seconds * 1_000_000_000L) {
                    start = System.nanoTime();
                    startCpu = threads.getCurrentThreadCpuTime();
                }
            }
            cpu[0] = (threads.getCurrentThreadCpuTime() - startCpu) * 1_000_000_000L / (System.nanoTime() - start);
        }, "bare-periodic");
        thread.start();
        thread.join();
        System.out.printf(Locale.ROOT, "cost: a bare Periodic thread (SCHED_FIFO 80, 1 ms) %.0f µs/s%n", cpu[0] / 1e3);
    }

    private static void load(long nanos, boolean allocate) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        Object[] kept = new Object[200_000];
        Random random = new Random(1);
        int next = 0;
        while (System.nanoTime() < end) {
            if (allocate) {
                byte[] array = new byte[64 + random.nextInt(4032)];
                if (random.nextInt(50) == 0) {
                    kept[next++ % kept.length] = array;
                }
            } else {
                Thread.sleep(10);
            }
        }
    }

    /** CPU nanoseconds and allocated bytes per thread name; JFR's own threads summed under "JFR". */
    static Map<String, long[]> cpuAndAllocation(com.sun.management.ThreadMXBean threads) {
        Map<String, long[]> byName = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName().startsWith("JFR") ? "JFR" : thread.getName();
            long[] sums = byName.computeIfAbsent(name, k -> new long[2]);
            sums[0] += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            sums[1] += Math.max(0, threads.getThreadAllocatedBytes(thread.getId()));
        }
        return byName;
    }

    /** The CPU µs per second of wall time the threads of one name used between two readings. */
    static double perSecond(Map<String, long[]> before, Map<String, long[]> after, String name,
                                    double seconds) {
        long[] none = new long[2];
        return (after.getOrDefault(name, none)[0] - before.getOrDefault(name, none)[0]) / 1e3 / seconds;
    }

    private static String collector() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            for (String known : new String[] {"G1", "ZGC", "Shenandoah"}) {
                if (gc.getName().startsWith(known)) {
                    return known;
                }
            }
            if (gc.getName().startsWith("PS ")) {
                return "Parallel";
            }
        }
        return "Serial";
    }

    private static void print(String gc, String load, MonitorReport report, boolean leaseHeld) {
        MonitorReport.Lateness late = report.lateness();
        String longest = report.pauseKinds().isEmpty() ? "" : report.pauseKinds().get(0).operation();
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", gc, load,
                report.samples(), us(late.p99Nanos()), us(late.p999Nanos()), us(late.maxNanos()),
                attributed(report), us(report.jvmPauses().longestNanos()), longest,
                report.scheduling() + (leaseHeld ? ", 0 µs request" : ", no request"));
        report.advice().forEach(line -> System.out.println("advice: " + line));
    }

    private static String attributed(MonitorReport report) {
        StringBuilder text = new StringBuilder();
        for (LatenessCause cause : LatenessCause.values()) {
            MonitorReport.CauseTally tally = report.cause(cause);
            if (tally.count() > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(cause.key()).append(' ').append(tally.count())
                        .append(" (max ").append(us(tally.maxNanos())).append(')');
            }
        }
        return text.length() == 0 ? "none late" : text.toString();
    }

    private static String us(long nanos) {
        return String.format(Locale.ROOT, "%,.0f", nanos / 1e3);
    }
}
