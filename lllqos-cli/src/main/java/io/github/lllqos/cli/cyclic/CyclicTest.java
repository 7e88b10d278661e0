package io.github.lllqos.cli.cyclic;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.realtime.SchedPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A cyclictest run: holds the CPU latency request (none with {@code --laptop}), locks memory if asked, starts the measuring threads (each
 * pinned and scheduled as asked, then running {@link CyclicLoop}), shows progress every 10 ms until they stop,
 * and puts everything back.
 */
public final class CyclicTest {

    private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final CyclicSettings settings;
    private final Ticker.Factory tickers;
    private final ThreadTuning tuning;
    private final AtomicBoolean stop = new AtomicBoolean();

    /**
     * Prepares a run.
     *
     * @param settings what to run
     * @param tickers makes each thread's periodic wake-up
     * @param tuning pins and schedules the threads and locks memory
     */
    public CyclicTest(CyclicSettings settings, Ticker.Factory tickers, ThreadTuning tuning) {
        this.settings = settings;
        this.tickers = tickers;
        this.tuning = tuning;
    }

    /** Asks the measuring threads to stop after their current activation (from any thread, e.g. on Ctrl-C). */
    public void stop() {
        stop.set(true);
    }

    /**
     * Runs the measurement to its end.
     *
     * @param observer told about the lease and the progress
     * @return the result
     * @throws InterruptedException if the calling thread is interrupted; the measuring threads are stopped first
     * @throws RuntimeException what a measuring thread failed with while setting itself up or measuring
     */
    public CyclicResult run(RunObserver observer) throws InterruptedException {
        Instant start = Instant.now();
        if (settings.lockMemory()) {
            tuning.lockAllMemory();
        }
        try {
            if (settings.latencyTargetMicros().isEmpty()) {
                List<ThreadStats> stats = measure(observer);
                return new CyclicResult(settings, stats, start, Instant.now(), false,
                        Optional.of("--laptop: no CPU latency request was placed"));
            }
            try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(settings.latencyTargetMicros().getAsInt())) {
                observer.leaseTaken(lease);
                List<ThreadStats> stats = measure(observer);
                return new CyclicResult(settings, stats, start, Instant.now(), lease.acquired(),
                        lease.notAcquiredReason());
            }
        } finally {
            if (settings.lockMemory()) {
                tuning.unlockAllMemory();
            }
        }
    }

    /**
     * The name of a measuring thread.
     *
     * @param thread the thread number, from 0
     * @return {@code cyclic-N}
     */
    public static String threadName(int thread) {
        return "cyclic-" + thread;
    }

    private List<ThreadStats> measure(RunObserver observer) throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<ThreadStats> stats = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            int index = i;
            int cpu = settings.affinity().map(set -> set.cpuFor(index)).orElse(-1);
            ThreadStats record = new ThreadStats(index, settings.intervalMicros(index), settings.priority(), cpu,
                    settings.histogramMicros());
            stats.add(record);
            Thread thread = new Thread(() -> measureOn(record, failure), threadName(i));
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            while (anyAlive(threads)) {
                observer.progress(stats);
                if (failure.get() != null) {
                    stop();
                }
                TimeUnit.NANOSECONDS.sleep(PROGRESS_NANOS);
            }
        } finally {
            stop();
            for (Thread thread : threads) {
                thread.join();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        observer.progress(stats);
        return stats;
    }

    private static boolean anyAlive(List<Thread> threads) {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private void measureOn(ThreadStats record, AtomicReference<RuntimeException> failure) {
        try {
            record.tid(Wakeups.threadId());
            if (record.cpu() >= 0) {
                tuning.pinTo(record.cpu());
            }
            long intervalNanos = TimeUnit.MICROSECONDS.toNanos(record.intervalMicros());
            if (settings.policy() == SchedPolicy.DEADLINE) {
                tuning.scheduleDeadline(TimeUnit.MICROSECONDS.toNanos(settings.runtimeMicros()), intervalNanos);
            } else {
                tuning.schedule(settings.policy(), settings.priority());
            }
            Ticker ticker = tickers.start(intervalNanos);
            try {
                CyclicLoop.run(ticker, record, settings.loops(), settings.duration().toNanos(), stop);
            } finally {
                record.spin(ticker.spinNanos(), ticker.spinMarginNanos());
                record.skipped(ticker.skipped());
                ticker.blocks().ifPresent(record::blocks);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
