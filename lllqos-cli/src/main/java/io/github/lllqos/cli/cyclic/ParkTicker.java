package io.github.lllqos.cli.cyclic;

import java.util.concurrent.locks.LockSupport;

/**
 * Absolute periodic deadlines kept in Java, slept towards with {@link LockSupport#parkNanos(long)}; periods that
 * have already passed are skipped, as cyclictest skips them.
 */
final class ParkTicker implements Ticker {

    private final long intervalNanos;
    private long next;

    ParkTicker(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.next = System.nanoTime() + intervalNanos;
    }

    @Override
    public long awaitNext() throws InterruptedException {
        long deadline = next;
        long now;
        while ((now = System.nanoTime()) - deadline < 0) {
            LockSupport.parkNanos(deadline - now);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        next = deadline + intervalNanos;
        while (now - next >= 0) {
            next += intervalNanos;
        }
        return deadline;
    }
}
