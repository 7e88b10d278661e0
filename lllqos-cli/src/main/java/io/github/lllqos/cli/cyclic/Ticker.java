package io.github.lllqos.cli.cyclic;

import java.util.OptionalLong;

/** The periodic wake-up a measuring thread waits on. */
@FunctionalInterface
public interface Ticker {

    /**
     * Waits until the next activation is due.
     *
     * @return the activation's deadline, in {@link System#nanoTime()} units
     * @throws InterruptedException if the waiting thread is interrupted
     */
    long awaitNext() throws InterruptedException;

    /**
     * The time spent spinning so far, for a ticker that finishes its waits by spinning.
     *
     * @return nanoseconds, 0 for one that only sleeps
     */
    default long spinNanos() {
        return 0;
    }

    /**
     * The margin before each deadline that the ticker spins now.
     *
     * @return nanoseconds, 0 for one that only sleeps
     */
    default long spinMarginNanos() {
        return 0;
    }

    /**
     * How many activations were skipped because their time had passed when the thread was ready to wait.
     *
     * @return the count so far, 0 for one that never skips
     */
    default long skipped() {
        return 0;
    }

    /**
     * How many jobs blocked, for a ticker on a deadline thread ({@link io.github.lllqos.realtime.Periodic#blocks()}).
     *
     * @return the count so far; empty for a ticker that does not count them
     */
    default OptionalLong blocks() {
        return OptionalLong.empty();
    }

    /** Makes a ticker on the calling thread, so that a thread's ticker is created by the thread that waits on it. */
    @FunctionalInterface
    interface Factory {

        /**
         * Starts a ticker whose first activation is one period from now.
         *
         * @param intervalNanos the period, ns
         * @return the ticker
         */
        Ticker start(long intervalNanos);
    }
}
