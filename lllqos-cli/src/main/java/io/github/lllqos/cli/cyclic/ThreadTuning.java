package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
/** What a run changes about its threads and process: pinning, scheduling and locked memory. */
public interface ThreadTuning {

    /**
     * Pins the calling thread to one CPU.
     *
     * @param cpu the CPU number
     */
    void pinTo(int cpu);

    /**
     * Sets the calling thread's real-time policy and priority; a policy that is not real-time leaves the thread at
     * SCHED_OTHER, as cyclictest does.
     *
     * @param policy the policy
     * @param priority the priority (0 for policies that are not real-time)
     */
    void schedule(SchedPolicy policy, int priority);

    /**
     * Makes the calling thread a SCHED_DEADLINE thread whose deadline is its period.
     *
     * @param runtimeNanos its runtime per period
     * @param periodNanos its period and deadline
     */
    void scheduleDeadline(long runtimeNanos, long periodNanos);

    /** Locks all current and future memory of the process ({@code mlockall(MCL_CURRENT | MCL_FUTURE)}). */
    void lockAllMemory();

    /** Unlocks it again ({@code munlockall}). */
    void unlockAllMemory();
}
