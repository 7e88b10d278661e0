package io.github.lllqos.realtime;

/**
 * A Linux scheduling policy, with the range of real-time priorities it takes.
 *
 * <pre>{@code
 * Realtime.elevatePriority(SchedPolicy.FIFO, 80);
 * }</pre>
 */
public enum SchedPolicy {

    /** {@code SCHED_OTHER}: the default time-sharing policy, weighted by the nice value. */
    OTHER(false),
    /** {@code SCHED_BATCH}: time-sharing for CPU-bound work that is never woken up in a hurry. */
    BATCH(false),
    /** {@code SCHED_IDLE}: runs only when nothing else wants the CPU. */
    IDLE(false),
    /** {@code SCHED_FIFO}: real-time, runs until it blocks or a higher priority preempts it. */
    FIFO(true),
    /** {@code SCHED_RR}: real-time like FIFO, with a time slice among threads of equal priority. */
    RR(true),
    /**
     * {@code SCHED_DEADLINE}: earliest deadline first with a runtime budget per period, above FIFO and RR; set
     * with {@link Realtime#setDeadline(java.time.Duration, java.time.Duration, java.time.Duration)}. It takes no
     * priority.
     */
    DEADLINE(false);

    /** The lowest real-time priority of FIFO and RR on Linux. */
    public static final int MIN_REALTIME_PRIORITY = 1;
    /** The highest real-time priority of FIFO and RR on Linux. */
    public static final int MAX_REALTIME_PRIORITY = 99;

    private final boolean realtime;

    SchedPolicy(boolean realtime) {
        this.realtime = realtime;
    }

    /**
     * Whether this is a real-time policy with a priority (1..99). {@link #DEADLINE} is scheduled above them by its
     * deadline, takes no priority, and is not one of them here.
     *
     * @return true for FIFO and RR
     */
    public boolean isRealtime() {
        return realtime;
    }

    /**
     * Whether the kernel gives threads of this policy no timer slack and lets them preempt time-sharing ones:
     * FIFO, RR and DEADLINE.
     *
     * @return true for FIFO, RR and DEADLINE
     */
    public boolean isRealtimeClass() {
        return realtime || this == DEADLINE;
    }

    /**
     * The lowest priority this policy takes.
     *
     * @return 1 for FIFO and RR, else 0
     */
    public int minPriority() {
        return realtime ? MIN_REALTIME_PRIORITY : 0;
    }

    /**
     * The highest priority this policy takes.
     *
     * @return 99 for FIFO and RR, else 0
     */
    public int maxPriority() {
        return realtime ? MAX_REALTIME_PRIORITY : 0;
    }

    /**
     * The C name of the policy.
     *
     * @return such as {@code "SCHED_FIFO"}
     */
    public String cName() {
        return "SCHED_" + name();
    }

    /**
     * Checks a priority against this policy's range.
     *
     * @param priority the priority
     * @throws IllegalArgumentException naming the value and the range when it is outside
     */
    public void checkPriority(int priority) {
        if (priority < minPriority() || priority > maxPriority()) {
            throw new IllegalArgumentException("priority " + priority + " is outside " + cName() + "'s range "
                    + minPriority() + ".." + maxPriority());
        }
    }
}
