package io.github.lllqos.micrometer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A binder's own daemon thread: it runs one task every period, from the first {@link #start()} to {@link #stop()}.
 * A task that throws is logged, and runs again at the next period.
 */
final class BinderThread {

    private static final System.Logger LOG = System.getLogger(BinderThread.class.getName());
    private static final Duration SHORTEST = Duration.ofMillis(10);
    private static final Duration LONGEST = Duration.ofMinutes(1);

    private final String name;
    private final Duration period;
    private final Runnable task;
    private final String failure;
    private ScheduledExecutorService executor;
    private boolean stopped;

    /**
     * A thread not started yet.
     *
     * @param name the thread's name
     * @param what what the period is called in an error ("feed period")
     * @param period how often the task runs, 10 ms to 1 minute
     * @param task the task
     * @param failure what is logged when the task throws ("moving ... failed")
     * @throws IllegalArgumentException if the period is outside that range
     */
    BinderThread(String name, String what, Duration period, Runnable task, String failure) {
        Objects.requireNonNull(period, what);
        if (period.compareTo(SHORTEST) < 0 || period.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(what + " " + period + " must be from 10 ms to 1 minute");
        }
        this.name = name;
        this.period = period;
        this.task = task;
        this.failure = failure;
    }

    /** Starts running the task every period, the first time one period from now; again does nothing. */
    synchronized void start() {
        if (executor != null || stopped) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        executor.scheduleAtFixedRate(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs the task now, on the caller's thread; a failure is logged, not thrown. */
    void runOnce() {
        try {
            task.run();
        } catch (RuntimeException e) {
            // caught, or the executor would never run the task again
            LOG.log(System.Logger.Level.WARNING, failure, e);
        }
    }

    /** Stops the thread, waiting up to a second for a run in progress; it is not started again. */
    synchronized void stop() {
        stopped = true;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
