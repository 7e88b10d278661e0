package io.github.lllqos.realtime;

import io.github.lllqos.spi.AbsoluteSleeper;
import java.util.concurrent.locks.LockSupport;

/**
 * The fallback without an absolute clock sleep: relative {@link LockSupport#parkNanos(long)} until the deadline
 * has passed. Less precise (the deadline becomes relative, and timer slack applies), never early.
 */
final class ParkingSleeper implements AbsoluteSleeper {

    @Override
    public void sleepUntil(long deadline) {
        boolean interrupted = false;
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
