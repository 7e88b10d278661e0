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
     * The activation a deadline thread's yield returned in, measured as cyclicdeadline measures it. The kernel
     * releases each job at a period start on its own grid. User space cannot read that grid on kernels without
     * {@code SCHED_GETATTR_FLAG_DL_DYNAMIC} (Linux 6.18 refuses it), and the kernel moves it whenever the thread
     * wakes from a block too late for its remaining runtime (the CBS wake-up rule: a print, a lock or a JVM
     * safepoint during a job does it). So the grid here starts at the first return from the yield and follows the
     * kernel's: a yield that returns before the period after {@code previous} shows that the kernel's grid lies
     * earlier, and the activation is then {@code now}; otherwise it is the latest period start on this grid not
     * after {@code now}, periods between counting as missed.
     */
    static long onDeadlineGrid(long previous, long period, long now) {
        long next = previous + period;
        return now < next ? now : next + (now - next) / period * period;
    }
}
