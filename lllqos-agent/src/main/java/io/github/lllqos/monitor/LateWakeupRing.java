package io.github.lllqos.monitor;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The late wake-ups waiting for their cause, from the monitor thread (the only writer) to the thread that attributes
 * them (the only reader). Preallocated: {@link #offer} allocates nothing and never blocks; when the reader falls
 * behind by {@link #capacity()} entries, new ones are counted as dropped instead.
 */
final class LateWakeupRing {

    private final int mask;
    private final long[] deadlines;
    private final long[] wakeups;
    private final long[] runDelays;
    private final long[] switches;
    private final long[] steals;
    private final long[] counterWindows;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Creates an empty ring.
     *
     * @param capacity a power of two
     */
    LateWakeupRing(int capacity) {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be a power of two");
        }
        mask = capacity - 1;
        deadlines = new long[capacity];
        wakeups = new long[capacity];
        runDelays = new long[capacity];
        switches = new long[capacity];
        steals = new long[capacity];
        counterWindows = new long[capacity];
    }

    /** How many entries fit. */
    int capacity() {
        return mask + 1;
    }

    /**
     * Adds a late wake-up; called by the monitor thread only.
     *
     * @return false if the ring was full and the entry was dropped
     */
    boolean offer(long deadline, long woke, long runDelayNanos, long involuntarySwitches, long stealNanos,
                  long counterWindowStart) {
        long w = written.get();
        if (w - read.get() > mask) {
            dropped.lazySet(dropped.get() + 1);
            return false;
        }
        int i = (int) (w & mask);
        deadlines[i] = deadline;
        wakeups[i] = woke;
        runDelays[i] = runDelayNanos;
        switches[i] = involuntarySwitches;
        steals[i] = stealNanos;
        counterWindows[i] = counterWindowStart;
        written.lazySet(w + 1);
        return true;
    }

    /**
     * Takes, in order, the entries whose wake-up time is at most {@code bound}; called by the reader only.
     *
     * @param bound a {@link System#nanoTime()} value
     * @param sink receives each entry
     * @return how many were taken
     */
    int drainUpTo(long bound, Consumer<LateWakeup> sink) {
        long r = read.get();
        long w = written.get();
        int taken = 0;
        while (r < w) {
            int i = (int) (r & mask);
            if (wakeups[i] > bound) {
                break;
            }
            sink.accept(new LateWakeup(deadlines[i], wakeups[i], runDelays[i], switches[i], steals[i],
                    counterWindows[i]));
            r++;
            taken++;
            read.lazySet(r);
        }
        return taken;
    }

    /** Entries written and not yet taken. */
    long pending() {
        return written.get() - read.get();
    }

    /** Entries lost because the ring was full. */
    long dropped() {
        return dropped.get();
    }
}
