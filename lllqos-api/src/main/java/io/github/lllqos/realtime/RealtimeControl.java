package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.Refusal;
import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.spi.support.UnsupportedRealtime;

import io.github.lllqos.realtime.PriorityChange.Method;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What {@link Realtime} does, over one backend: checks arguments before any call, builds the fallbacks, and
 * reads back what the kernel applied. Thread id 0 is the calling thread.
 */
final class RealtimeControl {

    static final int DEFAULT_PRIORITY = 50;
    static final int FALLBACK_NICE = -10;
    static final int BACKGROUND_NICE = 10;
    static final int MIN_NICE = -20;
    static final int MAX_NICE = 19;

    private static final System.Logger LOG = System.getLogger(Realtime.class.getName());

    private final RealtimeBackend backend;
    private final long processId;
    /** How many real-time threads were set up: the next one goes to the next real-time CPU in turn. */
    private final AtomicInteger realtimeThreadsSetUp = new AtomicInteger();

    RealtimeControl(RealtimeBackend backend, long processId) {
        this.backend = backend;
        this.processId = processId;
    }

    /** Made on first use from the selected provider. */
    private static final class Selected {
        static final RealtimeControl CONTROL = new RealtimeControl(load(), ProcessHandle.current().pid());

        private static RealtimeBackend load() {
            try {
                return ProviderRegistry.provider().realtime();
            } catch (RuntimeException | LinkageError e) {
                return new UnsupportedRealtime("provider '" + ProviderRegistry.provider().name()
                        + "' failed to start its real-time support: " + e);
            }
        }
    }

    /** The control over the selected provider's backend, shared by {@link Realtime} and {@link Periodic}. */
    static RealtimeControl current() {
        return Selected.CONTROL;
    }

    RealtimeBackend backend() {
        return backend;
    }

    Optional<String> unsupportedReason() {
        return backend.unsupportedReason();
    }

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
            return readBack(tid, Method.REALTIME_POLICY, null, null);
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
                return readBack(tid, Method.REALTIME_POLICY_AFTER_RAISING_RLIMIT, String.join("; ", steps), errno);
            } catch (LowLatencyException e) {
                steps.add(raise + ", then " + requirePermissionDenied(e).getMessage());
            }
        }
        return niceFallback(tid, steps, errno);
    }

    /** A thread that {@link #setDeadline} made a deadline thread is one no more once its policy changes. */
    private void forgetDeadline(long tid) {
        if (tid == 0 || tid == backend.currentThreadId()) {
            DeadlineThreads.clearCurrent();
        }
    }

    private PriorityChange niceFallback(long tid, List<String> steps, Errno errno) {
        int current = backend.nice(tid);
        if (current <= FALLBACK_NICE) {
            steps.add("fell back to nice: kept nice " + current + ", already at or below " + FALLBACK_NICE);
            return readBack(tid, Method.NICE, String.join("; ", steps), errno);
        }
        try {
            backend.setNice(tid, FALLBACK_NICE);
        } catch (LowLatencyException e) {
            steps.add("the fallback to nice " + FALLBACK_NICE + " was refused too: "
                    + requirePermissionDenied(e).getMessage());
            return readBack(tid, Method.NONE, String.join("; ", steps), errno);
        }
        steps.add("fell back to nice " + FALLBACK_NICE);
        return readBack(tid, Method.NICE, String.join("; ", steps), errno);
    }

    Outcome<DeadlineParameters> setDeadline(DeadlineParameters parameters) {
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        long since = System.nanoTime();
        try {
            backend.setDeadline(0, parameters);
        } catch (LowLatencyException e) {
            return Outcome.notApplied(read(() -> backend.deadlineParameters(0).orElse(null)),
                    refusalOf(requireRefusal(e, Errno.EBUSY, Errno.EPERM, Errno.EINVAL, Errno.ENOSYS)));
        }
        DeadlineThreads.markCurrent(since);
        return Outcome.applied(backend.deadlineParameters(0).orElse(parameters));
    }

    Optional<DeadlineParameters> deadlineParameters(long tid) {
        return backend.unsupportedReason().isPresent() ? Optional.empty() : backend.deadlineParameters(tid);
    }

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
            return readBack(tid, Method.NONE, refused.getMessage(), refused.errno().orElse(null));
        }
        SchedPolicy policy = backend.policy(tid);
        if (!policy.isRealtimeClass()) {
            return readBack(tid, Method.NICE, null, null);
        }
        forgetDeadline(tid);
        // Leaving a real-time policy is always permitted once the nice value was; the thread keeps its nice value.
        backend.setScheduler(tid, SchedPolicy.OTHER, 0);
        return readBack(tid, Method.NICE, "left " + policy.cName() + " for SCHED_OTHER, where the nice value counts",
                null);
    }

    Outcome<Set<Integer>> pin(long tid, Set<Integer> cpus) {
        Set<Integer> wanted = checkCpus(cpus);
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        Set<Integer> online = backend.onlineCpus();
        for (int cpu : wanted) {
            if (!online.contains(cpu)) {
                throw new IllegalArgumentException("CPU " + cpu + " is not online here: the CPUs must be among the"
                        + " online CPUs " + CpuList.format(online) + ", were " + CpuList.format(wanted));
            }
        }
        try {
            backend.setAffinity(tid, wanted);
        } catch (LowLatencyException e) {
            return Outcome.notApplied(read(() -> backend.affinity(tid)),
                    refusalOf(requireRefusal(e, Errno.EPERM, Errno.EINVAL, Errno.EBUSY)));
        }
        return Outcome.applied(backend.affinity(tid));
    }

    private static Set<Integer> checkCpus(Set<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("the CPU set is empty: name at least one CPU");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer cpu : cpus) {
            if (cpu == null || cpu < 0) {
                throw new IllegalArgumentException("CPU " + cpu + " in " + cpus + " is not a CPU number: CPU"
                        + " numbers are 0 or more");
            }
            sorted.add(cpu);
        }
        return Collections.unmodifiableSet(sorted);
    }

    OptionalInt currentCpu() {
        return backend.unsupportedReason().isPresent() ? OptionalInt.empty() : OptionalInt.of(backend.currentCpu());
    }

    /**
     * The CPUs of this process except those {@link #setupRealtimeThread(int)} pins to: all of them where CPUs are
     * isolated, else all but the lowest.
     */
    Set<Integer> backgroundCpus() {
        if (backend.unsupportedReason().isPresent()) {
            return Set.of();
        }
        TreeSet<Integer> cpus = new TreeSet<>(backend.affinity(processId));
        List<Integer> realtime = realtimeCpus(cpus);
        if (realtime.isEmpty()) {
            return Set.of();
        }
        cpus.removeAll(realtime);
        return Collections.unmodifiableSet(cpus);
    }

    Set<Integer> isolatedCpus() {
        if (backend.unsupportedReason().isPresent()) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new TreeSet<>(backend.isolatedCpus()));
    }

    /**
     * Where real-time threads go: the isolated CPUs that are online, else the lowest CPU of the process, which
     * leaves the others for background work.
     */
    private List<Integer> realtimeCpus(TreeSet<Integer> processCpus) {
        TreeSet<Integer> isolated = new TreeSet<>(backend.isolatedCpus());
        isolated.retainAll(backend.onlineCpus());
        if (!isolated.isEmpty()) {
            return List.copyOf(isolated);
        }
        return processCpus.size() <= 1 ? List.of() : List.of(processCpus.first());
    }

    ThreadSetup setupRealtimeThread(int priority) {
        SchedPolicy.RR.checkPriority(priority);
        PriorityChange change = elevate(0, SchedPolicy.RR, priority);
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return new ThreadSetup(change, Outcome.notApplied(null, unsupported(unsupported.get())));
        }
        TreeSet<Integer> processCpus = new TreeSet<>(backend.affinity(processId));
        List<Integer> homes = realtimeCpus(processCpus);
        if (homes.isEmpty()) {
            return new ThreadSetup(change, Outcome.notApplied(backend.affinity(0), Refusal.of(Refusal.Kind.UNSUPPORTED,
                    "this process runs on one CPU (" + CpuList.format(processCpus) + ") and none is isolated: there is"
                            + " nothing to pin to")));
        }
        int home = homes.get(Math.floorMod(realtimeThreadsSetUp.getAndIncrement(), homes.size()));
        return new ThreadSetup(change, pin(0, Set.of(home)));
    }

    ThreadSetup setupBackgroundWorker() {
        PriorityChange change = lower(0, BACKGROUND_NICE);
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return new ThreadSetup(change, Outcome.notApplied(null, unsupported(unsupported.get())));
        }
        Set<Integer> background = backgroundCpus();
        if (background.isEmpty()) {
            return new ThreadSetup(change, Outcome.notApplied(backend.affinity(0), Refusal.of(Refusal.Kind.UNSUPPORTED,
                    "this process runs on one CPU: there are no background CPUs besides the real-time one")));
        }
        return new ThreadSetup(change, pin(0, background));
    }

    Outcome<Long> lockMemory() {
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        try {
            backend.lockMemory();
        } catch (LowLatencyException e) {
            return Outcome.notApplied(read(backend::lockedMemoryBytes),
                    refusalOf(requireRefusal(e, Errno.EPERM, Errno.ENOMEM, Errno.EAGAIN)));
        }
        Outcome<Long> locked = Outcome.applied(backend.lockedMemoryBytes());
        Optional<String> hazard = HeapGrowth.hazard();
        if (hazard.isEmpty()) {
            return locked;
        }
        LOG.log(System.Logger.Level.WARNING, "memory locked, but " + hazard.get());
        return locked.withWarning(hazard.get());
    }

    Outcome<Long> unlockMemory() {
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        backend.unlockMemory();
        return Outcome.applied(backend.lockedMemoryBytes());
    }

    Outcome<Long> setTimerSlack(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("timer slack " + nanos + " ns is negative: it must be 0 or more");
        }
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        long wanted = Math.max(1, nanos);
        backend.setTimerSlack(wanted);
        long now = backend.timerSlack();
        if (now == wanted) {
            return Outcome.applied(now);
        }
        SchedPolicy policy = backend.policy(0);
        String reason = policy.isRealtimeClass()
                ? "the thread runs under " + policy.cName() + ": Linux 6.7 and later give real-time threads no"
                        + " timer slack (" + now + " ns) and ignore PR_SET_TIMERSLACK"
                : "prctl(PR_SET_TIMERSLACK, " + wanted + ") left the timer slack at " + now + " ns";
        return Outcome.notApplied(now, Refusal.of(Refusal.Kind.IGNORED, reason));
    }

    OptionalLong threadId() {
        return backend.unsupportedReason().isPresent() ? OptionalLong.empty()
                : OptionalLong.of(backend.currentThreadId());
    }

    Optional<SchedPolicy> policy(long tid) {
        return backend.unsupportedReason().isPresent() ? Optional.empty() : Optional.of(backend.policy(tid));
    }

    OptionalInt priority(long tid) {
        return backend.unsupportedReason().isPresent() ? OptionalInt.empty() : OptionalInt.of(backend.priority(tid));
    }

    OptionalInt nice(long tid) {
        return backend.unsupportedReason().isPresent() ? OptionalInt.empty() : OptionalInt.of(backend.nice(tid));
    }

    Optional<Set<Integer>> affinity(long tid) {
        return backend.unsupportedReason().isPresent() ? Optional.empty()
                : Optional.of(Collections.unmodifiableSet(new TreeSet<>(backend.affinity(tid))));
    }

    OptionalLong timerSlack() {
        return backend.unsupportedReason().isPresent() ? OptionalLong.empty() : OptionalLong.of(backend.timerSlack());
    }

    private PriorityChange readBack(long tid, Method method, String reason, Errno errno) {
        SchedPolicy policy = read(() -> backend.policy(tid));
        Integer priority = read(() -> backend.priority(tid));
        Integer nice = read(() -> backend.nice(tid));
        return new PriorityChange(method, policy, priority == null ? OptionalInt.empty() : OptionalInt.of(priority),
                nice == null ? OptionalInt.empty() : OptionalInt.of(nice), reason, errno);
    }

    /** A read-back that may fail (the thread exited): the result then says "cannot be read". */
    private static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (LowLatencyException e) {
            return null;
        }
    }

    private static LowLatencyException requirePermissionDenied(LowLatencyException e) {
        return requireRefusal(e, Errno.EPERM, Errno.EACCES);
    }

    /** Returns a failure with one of the expected errnos, and rethrows any other failure. */
    private static LowLatencyException requireRefusal(LowLatencyException e, Errno... expected) {
        Errno errno = e.errno().orElse(null);
        for (Errno refusal : expected) {
            if (refusal == errno) {
                return e;
            }
        }
        throw e;
    }

    private static Refusal unsupported(String reason) {
        return Refusal.of(Refusal.Kind.UNSUPPORTED, reason);
    }

    /** The refusal of an expected failure: its errno decides the kind. */
    private static Refusal refusalOf(LowLatencyException refused) {
        return Refusal.forErrno(refused.errno().orElseThrow(), refused.getMessage());
    }
}
