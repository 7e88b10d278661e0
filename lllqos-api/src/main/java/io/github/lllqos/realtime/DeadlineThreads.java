package io.github.lllqos.realtime;

/**
 * Which threads {@link Realtime#setDeadline} made SCHED_DEADLINE threads, and when: a {@link Periodic} on such a
 * thread ends each job with {@code sched_yield()} and puts its activations on the kernel's period grid, which
 * starts when the policy was set.
 */
final class DeadlineThreads {

    /** The {@link System#nanoTime()} just before the calling thread's successful {@code sched_setattr}. */
    private static final ThreadLocal<long[]> SINCE = new ThreadLocal<>();

    private DeadlineThreads() {
    }

    static void markCurrent(long sinceNanoTime) {
        SINCE.set(new long[] {sinceNanoTime});
    }

    static void clearCurrent() {
        SINCE.remove();
    }

    /**
     * Whether the calling thread was made a deadline thread by {@link Realtime#setDeadline}.
     *
     * @return true until its policy is changed again through {@link Realtime}
     */
    static boolean isCurrent() {
        return SINCE.get() != null;
    }

    /**
     * When the calling thread's deadline periods started.
     *
     * @return a {@link System#nanoTime()} no later than the kernel's start of the first period
     */
    static long since() {
        return SINCE.get()[0];
    }
}
