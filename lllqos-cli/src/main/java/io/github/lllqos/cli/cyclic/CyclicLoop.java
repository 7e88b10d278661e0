package io.github.lllqos.cli.cyclic;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The measurement loop of one thread: wait for the next activation, take the time, record how late it is. Nothing
 * in it allocates, prints or takes a lock.
 */
public final class CyclicLoop {

    /** How often the wait for the end of a run looks whether it is to stop early. */
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private CyclicLoop() {
    }

    /**
     * Runs until {@code loops} activations are recorded, {@code durationNanos} have passed since the call, or
     * {@code stop} is raised. With a duration, every activation due before its end is recorded, and one due after
     * it is not waited for: the run waits for the end instead, so that {@code -D 2 -i 10000000} ends after 2 s, as
     * cyclictest's does, not at the first activation 10 s on.
     *
     * @param ticker the wake-up to measure, started just before, so that its first activation is one period of
     *     {@code stats} from the call
     * @param stats where each activation's lateness goes
     * @param loops activations to record, 0 for no limit
     * @param durationNanos how long to run, 0 for no limit
     * @param stop raised by another thread to stop after the current activation
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static void run(Ticker ticker, ThreadStats stats, long loops, long durationNanos, AtomicBoolean stop)
            throws InterruptedException {
        long intervalNanos = TimeUnit.MICROSECONDS.toNanos(stats.intervalMicros());
        long start = System.nanoTime();
        long end = start + durationNanos;
        long next = start + intervalNanos;
        while (!stop.get()) {
            if (durationNanos > 0 && next - end > 0) {
                awaitEnd(end, stop);
                return;
            }
            next = activation(ticker, stats) + intervalNanos;
            if (stats.cycles() == loops) {
                break;
            }
        }
    }

    /** Sleeps until {@code end}, or until {@code stop} is raised, looking at it every 10 ms. */
    private static void awaitEnd(long end, AtomicBoolean stop) throws InterruptedException {
        for (long left = end - System.nanoTime(); left > 0 && !stop.get(); left = end - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, STOP_CHECK_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the end of the run");
            }
        }
    }

    /**
     * One activation: waits for it, takes the time, records the lateness. A method of its own, not the body of the
     * loop, so the JIT compiles it after a few thousand activations: a loop's body waits for on-stack replacement,
     * which comes after 60,000 iterations, a minute at 1 ms, and until then the time is taken by interpreted code.
     *
     * @return its deadline
     */
    private static long activation(Ticker ticker, ThreadStats stats) throws InterruptedException {
        long deadline = ticker.awaitNext();
        stats.record(System.nanoTime() - deadline);
        return deadline;
    }
}
