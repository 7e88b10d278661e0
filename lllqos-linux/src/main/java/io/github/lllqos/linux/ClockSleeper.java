package io.github.lllqos.linux;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import io.github.lllqos.spi.AbsoluteSleeper;

/**
 * {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)} on a {@code struct timespec} in native memory
 * allocated once per sleeper: the periodic loop's wait, with no allocation, lock or boxing per call. HotSpot's
 * {@link System#nanoTime()} reads CLOCK_MONOTONIC, so deadlines pass through unchanged; {@link MonotonicClock}
 * measures the offset once in case another JVM differs. A deadline already past returns without the system
 * call, which would cost a timer interrupt and a context switch (about 6 µs here) for nothing.
 */
final class ClockSleeper implements AbsoluteSleeper {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final NativeLibc libc;
    private final long offset;
    private final NativeMemory timespec;

    ClockSleeper(NativeLibc libc, long offsetFromNanoTime) {
        this.libc = libc;
        this.offset = offsetFromNanoTime;
        this.timespec = libc.allocate(NativeLibc.SIZEOF_TIMESPEC);
    }

    @Override
    public void sleepUntil(long deadline) {
        if (deadline - System.nanoTime() <= 0) {
            return;
        }
        long monotonic = deadline + offset;
        timespec.setLong(0, monotonic / NANOS_PER_SECOND);
        timespec.setLong(Long.BYTES, monotonic % NANOS_PER_SECOND);
        int error;
        do {
            error = libc.clock_nanosleep(NativeLibc.CLOCK_MONOTONIC, NativeLibc.TIMER_ABSTIME, timespec);
        } while (error == Errno.EINTR.number());
        if (error != 0) {
            throw new LowLatencyException("clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, " + monotonic
                    + " ns) failed: " + Errno.nameOf(error), Errno.ofNumber(error).orElse(null));
        }
    }
}
