package io.github.lllqos.realtime;

/** The arithmetic of periodic activations, in nanoseconds on one clock. */
final class Activations {

    private Activations() {
    }

    /**
     * The first activation: one period after the start, rounded up to a multiple of the alignment (0: none),
     * plus the offset, as abs-sleep's {@code periodic} does.
     */
    static long first(long start, long period, long alignment, long offset) {
        long earliest = start + period;
        return (alignment == 0 ? earliest : roundUp(earliest, alignment)) + offset;
    }

    static long roundUp(long time, long multiple) {
        long remainder = Math.floorMod(time, multiple);
        return remainder == 0 ? time : time - remainder + multiple;
    }

    /**
     * The activation after {@code previous}: the next one on the grid, or, when skipping, the first one on the
     * grid that is not before {@code now}.
     */
    static long next(long previous, long period, long now, Periodic.Overrun overrun) {
        long next = previous + period;
        if (overrun == Periodic.Overrun.SKIP && next < now) {
            long behind = now - next;
            long periods = behind / period + (behind % period == 0 ? 0 : 1);
            next += periods * period;
        }
        return next;
    }

    /**
     * The activation a deadline thread's yield returned in: the kernel wakes it at its next period start, so this
     * is the latest one on the grid not after {@code now}, and at least the one after {@code previous} (a thread
     * that finds itself early waits for that one).
     */
    static long started(long previous, long period, long now) {
        long next = previous + period;
        return next < now ? next + (now - next) / period * period : next;
    }
}
