package io.github.lllqos.spi;

/**
 * Sleeps until an absolute time on the {@link System#nanoTime()} clock. The periodic loop's hot path: an
 * implementation allocates nothing per call, takes no lock, and is used by one thread at a time.
 */
public interface AbsoluteSleeper {

    /**
     * Returns no earlier than {@code deadline}: a sleep cut short by a signal is resumed, a deadline in the
     * past returns at once. {@link Thread#interrupt()} does not cut it short.
     *
     * @param deadline the wake-up time in {@link System#nanoTime()} units
     */
    void sleepUntil(long deadline);
}
