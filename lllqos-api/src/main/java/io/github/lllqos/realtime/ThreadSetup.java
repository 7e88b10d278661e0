package io.github.lllqos.realtime;

import io.github.lllqos.Outcome;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link Realtime#setupRealtimeThread(int)} or {@link Realtime#setupBackgroundWorker()} did: the priority
 * change and the CPU pinning, each with its own account.
 */
public final class ThreadSetup {

    private final PriorityChange priority;
    private final Outcome<Set<Integer>> affinity;

    ThreadSetup(PriorityChange priority, Outcome<Set<Integer>> affinity) {
        this.priority = Objects.requireNonNull(priority);
        this.affinity = Objects.requireNonNull(affinity);
    }

    /**
     * The priority change.
     *
     * @return what elevating or lowering the priority did
     */
    public PriorityChange priority() {
        return priority;
    }

    /**
     * The CPU pinning.
     *
     * @return the CPUs the thread may run on afterwards, or why it was not pinned
     */
    public Outcome<Set<Integer>> affinity() {
        return affinity;
    }

    @Override
    public String toString() {
        return "ThreadSetup[" + priority + ", affinity " + affinity + "]";
    }
}
