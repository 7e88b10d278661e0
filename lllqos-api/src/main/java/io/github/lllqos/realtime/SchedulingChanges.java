package io.github.lllqos.realtime;

import static io.github.lllqos.realtime.ExpectedFailures.refusalOf;
import static io.github.lllqos.realtime.ExpectedFailures.requirePermissionDenied;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.realtime.PriorityChange.Method;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes of a thread's scheduling policy and priority: an elevation with its fallback chain (the real-time
 * policy; else raise the soft RLIMIT_RTPRIO and try again; else nice {@value #FALLBACK_NICE}), a lowering, and
 * SCHED_DEADLINE. Each checks its arguments before any call and reads back what the kernel applied.
 */
final class SchedulingChanges {

    static final int DEFAULT_PRIORITY = 50;
    static final int FALLBACK_NICE = -10;
    static final int MIN_NICE = -20;
    static final int MAX_NICE = 19;

    private final RealtimeBackend backend;
    private final RealtimeReads reads;

    SchedulingChanges(RealtimeBackend backend, RealtimeReads reads) {
        this.backend = backend;
        this.reads = reads;
    }

    /** Sets a real-time policy, with the fallback chain; a failure other than a missing permission is thrown. */
    PriorityChange elevate(long tid, SchedPolicy policy, int priority) {
        if (!policy.isRealtime()) {
            throw new IllegalArgumentException("elevatePriority needs a real-time policy (FIFO or RR), was "
                    + policy + "; use lowerPriority(nice) for the time-sharing policies");
        }
        policy.checkPriority(priority);
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return PriorityChange.unsupported(unsupported.get());
        }
        LowLatencyException refused;
        try {
            backend.setScheduler(tid, policy, priority);
            forgetDeadline(tid);
            return reads.readBack(tid, Method.REALTIME_POLICY, null, null);
        } catch (LowLatencyException e) {
            refused = requirePermissionDenied(e);
        }
        List<String> steps = new ArrayList<>(List.of(refused.getMessage()));
        Errno errno = refused.errno().orElse(null);
        boolean raised = false;
        try {
            raised = backend.raiseRtprioLimit(priority);
        } catch (LowLatencyException e) {
            steps.add("the soft RLIMIT_RTPRIO cannot be raised: " + e.getMessage());
        }
        if (raised) {
            String raise = "raised the soft RLIMIT_RTPRIO of this process to " + priority;
            try {
                backend.setScheduler(tid, policy, priority);
                steps.add(raise);
                return reads.readBack(tid, Method.REALTIME_POLICY_AFTER_RAISING_RLIMIT, String.join("; ", steps),
                        errno);
            } catch (LowLatencyException e) {
                steps.add(raise + ", then " + requirePermissionDenied(e).getMessage());
            }
        }
        return niceFallback(tid, steps, errno);
    }

    private PriorityChange niceFallback(long tid, List<String> steps, Errno errno) {
        int current = backend.nice(tid);
        if (current <= FALLBACK_NICE) {
            steps.add("fell back to nice: kept nice " + current + ", already at or below " + FALLBACK_NICE);
            return reads.readBack(tid, Method.NICE, String.join("; ", steps), errno);
        }
        try {
            backend.setNice(tid, FALLBACK_NICE);
        } catch (LowLatencyException e) {
            steps.add("the fallback to nice " + FALLBACK_NICE + " was refused too: "
                    + requirePermissionDenied(e).getMessage());
            return reads.readBack(tid, Method.NONE, String.join("; ", steps), errno);
        }
        steps.add("fell back to nice " + FALLBACK_NICE);
        return reads.readBack(tid, Method.NICE, String.join("; ", steps), errno);
    }

    /** Sets a nice value, and leaves a real-time policy for SCHED_OTHER, where it counts. */
    PriorityChange lower(long tid, int nice) {
        if (nice < MIN_NICE || nice > MAX_NICE) {
            throw new IllegalArgumentException("nice " + nice + " is outside the nice range " + MIN_NICE + ".."
                    + MAX_NICE);
        }
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return PriorityChange.unsupported(unsupported.get());
        }
        try {
            backend.setNice(tid, nice);
        } catch (LowLatencyException e) {
            LowLatencyException refused = requirePermissionDenied(e);
            return reads.readBack(tid, Method.NONE, refused.getMessage(), refused.errno().orElse(null));
        }
        SchedPolicy policy = backend.policy(tid);
        if (!policy.isRealtimeClass()) {
            return reads.readBack(tid, Method.NICE, null, null);
        }
        forgetDeadline(tid);
        // Leaving a real-time policy is always permitted once the nice value was; the thread keeps its nice value.
        backend.setScheduler(tid, SchedPolicy.OTHER, 0);
        return reads.readBack(tid, Method.NICE, "left " + policy.cName() + " for SCHED_OTHER, where the nice value"
                + " counts", null);
    }

    /** Makes the calling thread a SCHED_DEADLINE thread; admission control and permission refusals are outcomes. */
    Outcome<DeadlineParameters> setDeadline(DeadlineParameters parameters) {
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, ExpectedFailures.unsupported(unsupported.get()));
        }
        try {
            backend.setDeadline(0, parameters);
        } catch (LowLatencyException e) {
            return Outcome.notApplied(RealtimeReads.orNull(() -> backend.deadlineParameters(0).orElse(null)),
                    refusalOf(e, Errno.EBUSY, Errno.EPERM, Errno.EINVAL, Errno.ENOSYS));
        }
        DeadlineThreads.markCurrent();
        return Outcome.applied(backend.deadlineParameters(0).orElse(parameters));
    }

    /** A thread that {@link #setDeadline} made a deadline thread is one no more once its policy changes. */
    private void forgetDeadline(long tid) {
        if (tid == 0 || tid == backend.currentThreadId()) {
            DeadlineThreads.clearCurrent();
        }
    }
}
