package io.github.lllqos.linux;

import com.sun.jna.Memory;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Errno;
import io.github.lllqos.linux.internal.LibC;
import io.github.lllqos.spi.AbsoluteSleeper;

/**
 * {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)} on a {@code struct timespec} in native memory
 * allocated once: the periodic loop's wait, with no allocation, lock or boxing per call. HotSpot's
 * {@link System#nanoTime()} reads CLOCK_MONOTONIC, so deadlines pass through unchanged; {@link MonotonicClock}
 * measures the offset once in case another JVM differs. A deadline already past returns without the system
 * call, which would cost a timer interrupt and a context switch (about 6 µs here) for nothing.
 */
final class ClockSleeper implements AbsoluteSleeper {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long OFFSET = MonotonicClock.OFFSET_FROM_NANO_TIME;

    private final Memory timespec = new Memory(LibC.SIZEOF_TIMESPEC);

    @Override
    public void sleepUntil(long deadline) {
        if (deadline - System.nanoTime() <= 0) {
            return;
        }
        long monotonic = deadline + OFFSET;
        timespec.setLong(0, monotonic / NANOS_PER_SECOND);
        timespec.setLong(Long.BYTES, monotonic % NANOS_PER_SECOND);
        int error;
        do {
            error = LibC.clock_nanosleep(LibC.CLOCK_MONOTONIC, LibC.TIMER_ABSTIME, timespec, null);
        } while (error == Errno.EINTR.number());
        if (error != 0) {
            throw new LowLatencyException("clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, " + monotonic
                    + " ns) failed: " + Errno.nameOf(error), Errno.ofNumber(error).orElse(null));
        }
    }
}
