package io.github.lllqos.monitor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The counters that show the monitor thread was kept from running, read without allocating: its run-queue wait
 * from {@code /proc/thread-self/schedstat}, its involuntary context switches from {@code /proc/thread-self/status}
 * and the steal time of its CPU (or of all CPUs) from {@code /proc/stat}. Reading {@code status} costs as much as
 * {@code stat} (about 15 µs each warm, 2 µs for {@code schedstat}), and the switches matter only where schedstat is
 * missing (see {@link Attribution}), so {@code status} is opened only then. The monitor reads the counters only
 * after a late wake-up and every {@link #REFRESH_NANOS}. A counter that cannot be read is 0 and {@link #missing()}
 * says which.
 */
final class SchedulerCounters implements AutoCloseable {

    /** How often the counters are read when no wake-up was late: the width of their window. */
    static final long REFRESH_NANOS = 20_000_000;

    /** USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture that matters here. */
    static final long NANOS_PER_TICK = 10_000_000;

    private static final byte[] START = new byte[0];
    private static final byte[] NONVOLUNTARY = ProcFile.key("nonvoluntary_ctxt_switches:");
    private static final int STEAL_FIELD = 7;

    private final ProcFile schedstat;
    private final ProcFile status;
    private final ProcFile stat;
    private final byte[] cpuKey;
    private final String missing;

    private SchedulerCounters(ProcFile schedstat, ProcFile status, ProcFile stat, byte[] cpuKey, String missing) {
        this.schedstat = schedstat;
        this.status = status;
        this.stat = stat;
        this.cpuKey = cpuKey;
        this.missing = missing;
    }

    /**
     * Opens the counters of the calling thread.
     *
     * @param cpu the CPU whose steal time counts, or -1 for the sum over all CPUs
     * @return the counters; those that cannot be opened read 0
     */
    static SchedulerCounters openForCurrentThread(int cpu) {
        StringBuilder missing = new StringBuilder();
        ProcFile schedstat = open("/proc/thread-self/schedstat", 256, missing);
        ProcFile status = schedstat == null ? open("/proc/thread-self/status", 8192, missing) : null;
        ProcFile stat = open("/proc/stat", 1 << 16, missing);
        return new SchedulerCounters(schedstat, status, stat, ProcFile.key(cpu < 0 ? "cpu " : "cpu" + cpu + " "),
                missing.toString());
    }

    private static ProcFile open(String path, int capacity, StringBuilder missing) {
        try {
            return ProcFile.open(Path.of(path), capacity);
        } catch (IOException | UnsupportedOperationException e) {
            missing.append(missing.length() == 0 ? "" : ", ").append(path);
            return null;
        }
    }

    /**
     * The time the thread has waited on a run queue, runnable but not running.
     *
     * @return nanoseconds since the thread started, 0 if unreadable
     */
    long runDelayNanos() {
        return schedstat != null && schedstat.read() ? Math.max(0, schedstat.number(START, 1)) : 0;
    }

    /**
     * The thread's involuntary context switches, read only where the run-queue wait cannot be.
     *
     * @return the count since the thread started; 0 if unreadable, and always 0 where schedstat is read
     */
    long involuntarySwitches() {
        return status != null && status.read() ? Math.max(0, status.number(NONVOLUNTARY, 0)) : 0;
    }

    /**
     * The steal time of the CPU (or all CPUs).
     *
     * @return nanoseconds, in steps of {@link #NANOS_PER_TICK}; 0 if unreadable
     */
    long stealNanos() {
        return stat != null && stat.read() ? Math.max(0, stat.number(cpuKey, STEAL_FIELD)) * NANOS_PER_TICK : 0;
    }

    /**
     * The files that could not be opened.
     *
     * @return their paths, comma-separated; empty when all are read
     */
    String missing() {
        return missing;
    }

    @Override
    public void close() {
        for (ProcFile file : new ProcFile[] {schedstat, status, stat}) {
            if (file != null) {
                file.close();
            }
        }
    }
}
