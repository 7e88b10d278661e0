package io.github.lllqos.linux;

import com.sun.jna.Memory;
import io.github.lllqos.linux.internal.LibC;

/** How {@link System#nanoTime()} relates to {@code CLOCK_MONOTONIC}: the same clock on HotSpot, so offset 0. */
final class MonotonicClock {

    /** What to add to a {@link System#nanoTime()} value to get CLOCK_MONOTONIC nanoseconds. */
    static final long OFFSET_FROM_NANO_TIME = measureOffset();

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private MonotonicClock() {
    }

    /** CLOCK_MONOTONIC now, in nanoseconds. */
    static long now(Memory timespec) {
        LibC.clock_gettime(LibC.CLOCK_MONOTONIC, timespec);
        return timespec.getLong(0) * NANOS_PER_SECOND + timespec.getLong(Long.BYTES);
    }

    /**
     * 0 when a CLOCK_MONOTONIC reading falls between two {@code nanoTime()} readings (the same clock), else the
     * difference of the tightest of several brackets.
     */
    private static long measureOffset() {
        Memory timespec = new Memory(LibC.SIZEOF_TIMESPEC);
        long bestWidth = Long.MAX_VALUE;
        long bestOffset = 0;
        for (int attempt = 0; attempt < 16; attempt++) {
            long before = System.nanoTime();
            long monotonic = now(timespec);
            long after = System.nanoTime();
            if (before <= monotonic && monotonic <= after) {
                return 0;
            }
            if (after - before < bestWidth) {
                bestWidth = after - before;
                bestOffset = monotonic - (before + (after - before) / 2);
            }
        }
        return bestOffset;
    }
}
