package io.github.lllqos.realtime;

/**
 * Which threads {@link Realtime#setDeadline} made SCHED_DEADLINE threads: a {@link Periodic} on such a thread ends
 * each job with {@code sched_yield()} and follows the kernel's period.
 */
final class DeadlineThreads {

    private static final ThreadLocal<Boolean> CURRENT = new ThreadLocal<>();

    private DeadlineThreads() {
    }

    static void markCurrent() {
        CURRENT.set(Boolean.TRUE);
    }

    static void clearCurrent() {
        CURRENT.remove();
    }

    /**
     * Whether the calling thread was made a deadline thread by {@link Realtime#setDeadline}.
     *
     * @return true until its policy is changed again through {@link Realtime}
     */
    static boolean isCurrent() {
        return CURRENT.get() != null;
    }
}
