package io.github.lllqos.cli.cyclic;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The measurement loop of one thread: wait for the next activation, take the time, record how late it is. Nothing
 * in it allocates, prints or takes a lock.
 */
public final class CyclicLoop {

    private CyclicLoop() {
    }

    /**
     * Runs until {@code loops} activations are recorded, {@code durationNanos} have passed since the call, or
     * {@code stop} is raised.
     *
     * @param ticker the wake-up to measure
     * @param stats where each activation's lateness goes
     * @param loops activations to record, 0 for no limit
     * @param durationNanos how long to run, 0 for no limit
     * @param stop raised by another thread to stop after the current activation
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static void run(Ticker ticker, ThreadStats stats, long loops, long durationNanos, AtomicBoolean stop)
            throws InterruptedException {
        long end = System.nanoTime() + durationNanos;
        while (!stop.get()) {
            long now = activation(ticker, stats);
            if (stats.cycles() == loops || durationNanos > 0 && now - end >= 0) {
                return;
            }
        }
    }

    /**
     * One activation: waits for it, takes the time, records the lateness. A method of its own, not the body of the
     * loop, so the JIT compiles it after a few thousand activations: a loop's body waits for on-stack replacement,
     * which comes after 60,000 iterations, a minute at 1 ms, and until then the time is taken by interpreted code.
     *
     * @return the time it was taken
     */
    private static long activation(Ticker ticker, ThreadStats stats) throws InterruptedException {
        long deadline = ticker.awaitNext();
        long now = System.nanoTime();
        stats.record(now - deadline);
        return now;
    }
}
