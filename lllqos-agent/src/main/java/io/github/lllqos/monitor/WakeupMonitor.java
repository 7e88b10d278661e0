package io.github.lllqos.monitor;

import io.github.lllqos.LowLatency;
import io.github.lllqos.Outcome;
import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A thread of this JVM that wakes at absolute deadlines and says why each late wake-up was late.
 *
 * <pre>{@code
 * try (WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults())) {
 *     runTheApplication();
 *     MonitorReport report = monitor.report();
 *     System.out.println(report.toText());        // or report.toJson()
 * }
 * }</pre>
 *
 * <p>The monitor thread sleeps with {@link Periodic} (one {@code clock_nanosleep(TIMER_ABSTIME)} per period), asks
 * for SCHED_FIFO (falling back to SCHED_OTHER with 1 ns timer slack, and saying why), records every wake-up's
 * lateness into an HdrHistogram, all without allocating; it reads its scheduler counters (run-queue wait,
 * involuntary switches, steal time) only after a late wake-up and every 20 ms. A wake-up later than the threshold
 * goes, with what those counters gained since their last reading, into a preallocated ring. Measuring begins once JFR has delivered its first
 * events (about a second after {@link #start}). A late wake-up's cause is decided on another thread once JFR has
 * delivered the JVM's safepoints of that time (about a second later): see {@link LatenessCause}. Each decision is
 * also a JFR event, {@code io.github.lllqos.LateWakeup}.
 */
public final class WakeupMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WakeupMonitor.class.getName());
    private static final long HIGHEST_TRACKED_NANOS = 3_600_000_000_000L;
    private static final int RING_CAPACITY = 1 << 13;
    private static final long CLOSE_WAIT_NANOS = 2_500_000_000L;
    private static final long ATTRIBUTION_PERIOD_MILLIS = 2000;
    private static final long UNSTREAMED_PERIOD_MILLIS = 200;

    private final MonitorSettings settings;
    private final long lateNanos;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKED_NANOS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_TRACKED_NANOS, 3);
    private final LateWakeupRing ring = new LateWakeupRing(RING_CAPACITY);
    private final PauseTallies pauseTallies = new PauseTallies();
    private final PauseHistory history = new PauseHistory(pauseTallies);
    private final CauseTallies causes;
    private final CountDownLatch setUp = new CountDownLatch(1);
    private final Thread thread;
    private final PauseStream pauses;
    private final Optional<String> pausesUnseen;
    private final Thread attribution;

    private Histogram interval;
    /** The counters' current window: its start and their values then; the monitor thread's own. */
    private long windowRunDelay;
    private long windowSwitches;
    private long windowSteal;
    private long windowStart;
    private volatile boolean running = true;
    private volatile String scheduling = "starting";
    private volatile boolean realtime;
    private volatile long maxNanos;
    private volatile long lastWoke;
    private volatile long resolvedUpTo;
    private volatile boolean attributing = true;
    private volatile boolean streamLive;

    private WakeupMonitor(MonitorSettings settings) {
        this.settings = settings;
        this.lateNanos = settings.lateThreshold().toNanos();
        this.causes = new CauseTallies(lateNanos);
        this.thread = new Thread(this::run, "lllqos-wakeup-monitor");
        thread.setDaemon(true);
        this.attribution = new Thread(this::attribute, "lllqos-wakeup-attribution");
        attribution.setDaemon(true);
        Optional<String> unavailable = PauseStream.unavailableReason();
        PauseStream started = null;
        if (unavailable.isEmpty()) {
            try {
                started = PauseStream.start(history, new JfrClock(), this::flushed);
            } catch (RuntimeException | LinkageError e) {
                unavailable = Optional.of("the JFR stream did not start: " + e);
            }
        }
        this.pauses = started;
        this.pausesUnseen = unavailable;
    }

    /**
     * Starts a monitor thread and the JFR stream it needs; returns once the thread has set up its scheduling.
     *
     * @param settings the interval, threshold and scheduling
     * @return the running monitor; close it to stop it
     */
    public static WakeupMonitor start(MonitorSettings settings) {
        WakeupMonitor monitor = new WakeupMonitor(settings);
        monitor.thread.start();
        monitor.attribution.start();
        try {
            monitor.setUp.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return monitor;
    }

    /**
     * The settings it runs with.
     *
     * @return the settings
     */
    public MonitorSettings settings() {
        return settings;
    }

    /**
     * Whether the monitor thread still runs.
     *
     * @return false after {@link #close()}
     */
    public boolean running() {
        return running && thread.isAlive();
    }

    /**
     * How the monitor thread is scheduled, and why not as asked.
     *
     * @return such as {@code "SCHED_FIFO 80, CPU 1"}
     */
    public String scheduling() {
        return scheduling;
    }

    // ---- the monitor thread: nothing below allocates per wake-up ----

    private void run() {
        Periodic periodic = Periodic.every(settings.interval());
        try (SchedulerCounters counters = SchedulerCounters.openForCurrentThread(settings.cpu().orElse(-1))) {
            scheduling = setUpThread(counters.missing());
            setUp.countDown();
            awaitStream();
            startWindow(System.nanoTime(), counters.runDelayNanos(), counters.involuntarySwitches(),
                    counters.stealNanos());
            while (running) {
                wakeOnce(periodic, counters);
            }
        } catch (RuntimeException | Error e) {
            scheduling = scheduling + "; stopped by " + e;
            LOG.log(System.Logger.Level.ERROR, "the wake-up monitor thread stopped", e);
        } finally {
            setUp.countDown();
        }
    }

    /**
     * One wake-up: sleeps to the next deadline, records its lateness and, after a late wake-up or once the window is
     * {@link SchedulerCounters#REFRESH_NANOS} old, reads the counters. A method of its own, not the body of the loop
     * in {@link #run()}, so the JIT compiles it after a few thousand wake-ups: a loop's body waits for on-stack
     * replacement, which comes after 60,000 iterations, a minute at 1 ms.
     */
    private void wakeOnce(Periodic periodic, SchedulerCounters counters) {
        long deadline = periodic.awaitNext();
        long woke = System.nanoTime();
        long lateness = Math.max(0, woke - deadline);
        recorder.recordValue(Math.min(Math.max(lateness, 1), HIGHEST_TRACKED_NANOS));
        if (lateness > maxNanos) {
            maxNanos = lateness;
        }
        boolean late = lateness > lateNanos;
        if (late || woke - windowStart > SchedulerCounters.REFRESH_NANOS) {
            long runDelay = counters.runDelayNanos();
            long switches = counters.involuntarySwitches();
            long steal = counters.stealNanos();
            if (late) {
                ring.offer(deadline, woke, runDelay - windowRunDelay, switches - windowSwitches, steal - windowSteal,
                        windowStart);
            }
            startWindow(woke, runDelay, switches, steal);
        }
        lastWoke = woke;
    }

    /** Starts the counters' next window: their values at {@code now}; on the monitor thread. */
    private void startWindow(long now, long runDelay, long switches, long steal) {
        windowStart = now;
        windowRunDelay = runDelay;
        windowSwitches = switches;
        windowSteal = steal;
    }

    /**
     * Waits until JFR delivers its first flush (at most 5 s), so no wake-up is measured while pauses cannot yet be
     * seen: it would be called unexplained.
     */
    private void awaitStream() {
        long giveUp = System.nanoTime() + 5_000_000_000L;
        while (pauses != null && !streamLive && running && System.nanoTime() - giveUp < 0) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    private String setUpThread(String missingCounters) {
        StringBuilder note = new StringBuilder();
        if (settings.policy().isRealtime()) {
            PriorityChange change = Realtime.elevatePriority(settings.policy(), settings.priority());
            realtime = change.realtime();
            if (realtime) {
                note.append(settings.policy().cName()).append(' ').append(settings.priority());
            } else {
                note.append(otherWithSlack()).append(" because ").append(settings.policy().cName())
                        .append(" was refused: ").append(change.reason().orElse("no reason given"));
            }
        } else {
            note.append(otherWithSlack()).append(" as asked");
        }
        if (settings.cpu().isPresent()) {
            int cpu = settings.cpu().getAsInt();
            try {
                Outcome<Set<Integer>> pinned = Realtime.pinToCpu(cpu);
                note.append(pinned.applied() ? ", CPU " + cpu
                        : ", not pinned to CPU " + cpu + ": " + pinned.notAppliedReason().orElse(""));
            } catch (IllegalArgumentException e) {
                note.append(", not pinned: ").append(e.getMessage());
            }
        }
        Periodic.fallbackReason().ifPresent(reason -> note.append("; relative sleeps: ").append(reason));
        if (!missingCounters.isEmpty()) {
            note.append("; unreadable: ").append(missingCounters);
        }
        return note.toString();
    }

    private static String otherWithSlack() {
        Outcome<Long> slack = Realtime.setTimerSlackNanos(0);
        return "SCHED_OTHER" + slack.value().map(nanos -> " with " + nanos + " ns timer slack").orElse("");
    }

    // ---- attribution, off the monitor thread ----

    /** After each JFR flush, on the stream's thread: wakes the attribution thread. */
    private void flushed() {
        streamLive = true;
        LockSupport.unpark(attribution);
    }

    /**
     * The attribution thread: after each JFR flush (or {@value #ATTRIBUTION_PERIOD_MILLIS} ms without one) it
     * commits a clock sample, which the next flush delivers, and decides the late wake-ups the stream's deliveries
     * allow (see {@link PauseHistory#decidableUpTo()}); without JFR, all of them every
     * {@value #UNSTREAMED_PERIOD_MILLIS} ms. One wake-up per flush, where a sample every 200 ms cost five: a cause
     * is decided one to two seconds after its wake-up.
     */
    private void attribute() {
        while (attributing) {
            if (pauses == null) {
                resolve(System.nanoTime());
            } else {
                ClockSampleEvent.commitNow();
                long bound;
                synchronized (history) {
                    bound = history.decidableUpTo();
                    history.forgetBefore(System.nanoTime());
                }
                resolve(bound);
            }
            long millis = pauses == null ? UNSTREAMED_PERIOD_MILLIS : ATTRIBUTION_PERIOD_MILLIS;
            LockSupport.parkNanos(millis * 1_000_000L);
        }
    }

    private void resolve(long bound) {
        synchronized (history) {
            ring.drainUpTo(bound, wakeup -> {
                Attribution.Verdict verdict = Attribution.attribute(wakeup,
                        history.overlapping(wakeup.deadline(), wakeup.woke()));
                causes.add(verdict, wakeup.latenessNanos());
                emit(wakeup, verdict);
            });
            if (bound > resolvedUpTo) {
                resolvedUpTo = bound;
            }
        }
    }

    private static void emit(LateWakeup wakeup, Attribution.Verdict verdict) {
        LateWakeupEvent event = new LateWakeupEvent();
        if (event.shouldCommit()) {
            event.lateness = wakeup.latenessNanos();
            event.cause = verdict.cause().key();
            event.pause = verdict.pause() == null ? "" : verdict.pause().description();
            event.deadlineNanoTime = wakeup.deadline();
            event.wokeNanoTime = wakeup.woke();
            event.commit();
        }
    }

    // ---- the report ----

    /**
     * What the monitor found so far. Late wake-ups of the last second or two may still be {@code pending}: their
     * cause is decided when JFR delivers the pauses of their time.
     *
     * @return a snapshot
     */
    public synchronized MonitorReport report() {
        roll();
        Optional<String> hazard = Realtime.heapGrowthHazard();
        var byCause = causes.snapshot();
        List<String> advice = Advice.of(new Advice.Facts(byCause, causes.worstPause(), collectorName(),
                lockedBytes(), hazard, realtime, pausesUnseen));
        long samples = total.getTotalCount();
        return new MonitorReport(samples, settings.interval().toNanos(), lateNanos,
                new MonitorReport.Lateness(samples == 0 ? 0 : total.getValueAtPercentile(50),
                        samples == 0 ? 0 : total.getValueAtPercentile(99),
                        samples == 0 ? 0 : total.getValueAtPercentile(99.9), maxNanos),
                byCause, pauseTallies.total(), pauseTallies.kinds(), ring.pending(), ring.dropped(), scheduling,
                LowLatency.providerName(), advice);
    }

    /**
     * A feed of the lateness measured from now on, for a consumer that keeps its own distribution, such as a
     * metrics registry.
     *
     * @return a new feed, with its own position
     */
    public synchronized LatenessFeed latenessFeed() {
        Histogram seen = new Histogram(1, HIGHEST_TRACKED_NANOS, 3);
        copyTotalInto(seen);
        return new LatenessFeed(this, seen);
    }

    /** Copies the running total, brought up to date, into {@code target}. */
    synchronized void copyTotalInto(Histogram target) {
        roll();
        total.copyInto(target);
    }

    /** Adds the wake-ups recorded since the last roll to the running total; under the monitor's lock. */
    private void roll() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
    }

    /**
     * The late wake-ups whose cause was decided as {@code cause} so far; cheaper than a {@link #report()}.
     *
     * @param cause the cause
     * @return their count, largest lateness and summed excess
     */
    public MonitorReport.CauseTally lateWakeups(LatenessCause cause) {
        return causes.tally(cause);
    }

    /**
     * The JVM pauses JFR reported so far; cheaper than a {@link #report()}.
     *
     * @return their count, longest and total
     */
    public MonitorReport.PauseTally jvmPauses() {
        return pauseTallies.total();
    }

    /**
     * Late wake-ups waiting for the JFR events that decide their cause.
     *
     * @return how many
     */
    public long pendingLateWakeups() {
        return ring.pending();
    }

    /**
     * Late wake-ups lost because attribution fell behind (counted in the lateness all the same).
     *
     * @return how many so far
     */
    public long droppedLateWakeups() {
        return ring.dropped();
    }

    /**
     * Stops the monitor thread, decides the causes of the late wake-ups still pending (waiting up to 2.5 s for
     * JFR to deliver their time), and closes the JFR stream. Idempotent.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(settings.interval().toMillis() + 2000);
            // A clock sample committed now, after the last wake-up, lets the next flush decide all of them.
            LockSupport.unpark(attribution);
            long last = lastWoke;
            long giveUp = System.nanoTime() + CLOSE_WAIT_NANOS;
            while (pauses != null && ring.pending() > 0 && resolvedUpTo < last && !pauses.closed()
                    && System.nanoTime() - giveUp < 0) {
                Thread.sleep(20);
            }
            attributing = false;
            LockSupport.unpark(attribution);
            attribution.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pauses != null) {
            pauses.close();
        }
        resolve(Long.MAX_VALUE);
    }

    private static String collectorName() {
        try {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                String name = gc.getName();
                for (String known : new String[] {"G1", "ZGC", "Shenandoah"}) {
                    if (name.startsWith(known)) {
                        return known;
                    }
                }
                if (name.startsWith("PS ")) {
                    return "Parallel";
                }
                if (name.equals("Copy") || name.equals("MarkSweepCompact")) {
                    return "Serial";
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // the advice then names no collector
        }
        return "";
    }

    private static long lockedBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmLck:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing is locked that we can see
        }
        return 0;
    }
}
