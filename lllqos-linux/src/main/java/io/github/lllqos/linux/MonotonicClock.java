package io.github.lllqos.linux;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.linux.internal.ErrnoException;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;

/** How {@link System#nanoTime()} relates to {@code CLOCK_MONOTONIC}: the same clock on HotSpot, so offset 0. */
final class MonotonicClock {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final NativeLibc libc;
    private final long offsetFromNanoTime;

    MonotonicClock(NativeLibc libc) {
        this.libc = libc;
        this.offsetFromNanoTime = measureOffset();
    }

    /** What to add to a {@link System#nanoTime()} value to get CLOCK_MONOTONIC nanoseconds. */
    long offsetFromNanoTime() {
        return offsetFromNanoTime;
    }

    /** CLOCK_MONOTONIC now, in nanoseconds, read into a {@code struct timespec} of the caller's. */
    long now(NativeMemory timespec) {
        try {
            libc.clock_gettime(NativeLibc.CLOCK_MONOTONIC, timespec);
        } catch (ErrnoException e) {
            throw new LowLatencyException("clock_gettime(CLOCK_MONOTONIC) failed: " + e.errnoName(), e.asErrno());
        }
        return timespec.getLong(0) * NANOS_PER_SECOND + timespec.getLong(Long.BYTES);
    }

    /**
     * 0 when a CLOCK_MONOTONIC reading falls between two {@code nanoTime()} readings (the same clock), else the
     * difference of the tightest of several brackets.
     */
    private long measureOffset() {
        NativeMemory timespec = libc.allocate(NativeLibc.SIZEOF_TIMESPEC);
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
