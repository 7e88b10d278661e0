package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.realtime.PriorityChange.Method;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The reads of {@link Realtime}, guarded so that they do not throw for want of support: without real-time support
 * each is empty, and a read-back after a change that cannot be read (the thread exited) says so in its result.
 */
final class RealtimeReads {

    private final RealtimeBackend backend;

    RealtimeReads(RealtimeBackend backend) {
        this.backend = backend;
    }

    /** Whether the backend has real-time support: else every read here is empty. */
    boolean supported() {
        return backend.unsupportedReason().isEmpty();
    }

    /** The calling thread's native id. */
    OptionalLong threadId() {
        return supported() ? OptionalLong.of(backend.currentThreadId()) : OptionalLong.empty();
    }

    /** A thread's scheduling policy. */
    Optional<SchedPolicy> policy(long tid) {
        return supported() ? Optional.of(backend.policy(tid)) : Optional.empty();
    }

    /** A thread's real-time priority: 0 outside FIFO and RR. */
    OptionalInt priority(long tid) {
        return supported() ? OptionalInt.of(backend.priority(tid)) : OptionalInt.empty();
    }

    /** A thread's nice value. */
    OptionalInt nice(long tid) {
        return supported() ? OptionalInt.of(backend.nice(tid)) : OptionalInt.empty();
    }

    /** The CPUs a thread may run on, ascending. */
    Optional<Set<Integer>> affinity(long tid) {
        return supported() ? Optional.of(ascending(backend.affinity(tid))) : Optional.empty();
    }

    /** The calling thread's timer slack, in ns. */
    OptionalLong timerSlack() {
        return supported() ? OptionalLong.of(backend.timerSlack()) : OptionalLong.empty();
    }

    /** The CPU the calling thread runs on now. */
    OptionalInt currentCpu() {
        return supported() ? OptionalInt.of(backend.currentCpu()) : OptionalInt.empty();
    }

    /** The isolated CPUs, ascending; none without real-time support. */
    Set<Integer> isolatedCpus() {
        return supported() ? ascending(backend.isolatedCpus()) : Set.of();
    }

    /** A thread's SCHED_DEADLINE parameters; empty under another policy. */
    Optional<DeadlineParameters> deadlineParameters(long tid) {
        return supported() ? backend.deadlineParameters(tid) : Optional.empty();
    }

    /** What a priority change left: each of policy, priority and nice that cannot be read is empty. */
    PriorityChange readBack(long tid, Method method, String reason, Errno errno) {
        SchedPolicy policy = orNull(() -> backend.policy(tid));
        Integer priority = orNull(() -> backend.priority(tid));
        Integer nice = orNull(() -> backend.nice(tid));
        return new PriorityChange(method, policy, priority == null ? OptionalInt.empty() : OptionalInt.of(priority),
                nice == null ? OptionalInt.empty() : OptionalInt.of(nice), reason, errno);
    }

    /** A read-back that may fail (the thread exited): null then, which the result shows as "cannot be read". */
    static <T> T orNull(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (LowLatencyException e) {
            return null;
        }
    }

    private static Set<Integer> ascending(Set<Integer> cpus) {
        return Collections.unmodifiableSet(new TreeSet<>(cpus));
    }
}
