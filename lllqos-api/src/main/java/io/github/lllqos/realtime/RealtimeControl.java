package io.github.lllqos.realtime;

import static io.github.lllqos.realtime.ExpectedFailures.refusalOf;
import static io.github.lllqos.realtime.ExpectedFailures.unsupported;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.Refusal;
import io.github.lllqos.internal.CpuNumbers;
import io.github.lllqos.internal.CpusetFiles;
import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.support.CpuList;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@link Realtime} does, over one backend: the changes of one call each (CPU affinity, memory locking, timer
 * slack), which check their arguments before any call and read back what the kernel applied, and the parts that
 * do the rest: {@link #scheduling()} (priorities and their fallback chain), {@link #roles()} (real-time and
 * background threads) and {@link #reads()}. Thread id 0 is the calling thread.
 */
final class RealtimeControl {

    private static final System.Logger LOG = System.getLogger(Realtime.class.getName());

    private final RealtimeBackend backend;
    private final RealtimeReads reads;
    private final SchedulingChanges scheduling;
    private final ThreadRoles roles;

    /** Over a backend, for a process in no cpuset ({@link #RealtimeControl(RealtimeBackend, long, Supplier)}). */
    RealtimeControl(RealtimeBackend backend, long processId) {
        this(backend, processId, Optional::empty);
    }

    /**
     * Over a backend.
     *
     * @param backend the calls
     * @param processId the process whose threads are set up
     * @param cpusetCpus the CPUs its cgroup cpuset allows, read anew at each real-time set-up; empty when unknown
     */
    RealtimeControl(RealtimeBackend backend, long processId, Supplier<Optional<Set<Integer>>> cpusetCpus) {
        this.backend = backend;
        this.reads = new RealtimeReads(backend);
        this.scheduling = new SchedulingChanges(backend, reads);
        this.roles = new ThreadRoles(this, processId, cpusetCpus);
    }

    /** Made on first use from the selected provider's backend, with the cpuset the provider's files show. */
    private static final class Selected {
        static final RealtimeControl CONTROL = new RealtimeControl(SelectedBackend.get(),
                ProcessHandle.current().pid(), RealtimeControl::selectedCpuset);
    }

    /** The CPUs of this process's cgroup cpuset, as the selected provider's files show it; empty when unknown. */
    private static Optional<Set<Integer>> selectedCpuset() {
        return ProviderRegistry.provider().systemFiles().flatMap(files -> new CpusetFiles(files).read())
                .map(CpusetFiles.Cpuset::cpus);
    }

    /** The control over the selected provider's backend. */
    static RealtimeControl current() {
        return Selected.CONTROL;
    }

    /** The backend all parts call. */
    RealtimeBackend backend() {
        return backend;
    }

    /** The reads, empty without real-time support. */
    RealtimeReads reads() {
        return reads;
    }

    /** The changes of policy and priority. */
    SchedulingChanges scheduling() {
        return scheduling;
    }

    /** The set-ups of real-time and background threads. */
    ThreadRoles roles() {
        return roles;
    }

    /** Why nothing here has an effect, if nothing has. */
    Optional<String> unsupportedReason() {
        return backend.unsupportedReason();
    }

    /** Pins a thread to online CPUs; a cpuset or SCHED_DEADLINE refusal is an outcome. */
    Outcome<Set<Integer>> pin(long tid, Set<Integer> cpus) {
        Set<Integer> wanted = CpuNumbers.checked(cpus);
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        Set<Integer> online = backend.onlineCpus();
        CpuNumbers.requireAmong(wanted, online, "is not online here: the CPUs must be among the online CPUs "
                + CpuList.format(online) + ", were " + CpuList.format(wanted));
        try {
            backend.setAffinity(tid, wanted);
        } catch (LowLatencyException e) {
            return Outcome.notApplied(RealtimeReads.orNull(() -> backend.affinity(tid)),
                    refusalOf(e, Errno.EPERM, Errno.EINVAL, Errno.EBUSY));
        }
        return Outcome.applied(backend.affinity(tid));
    }

    /** Locks the memory of this process, warning where the heap can still grow. */
    Outcome<Long> lockMemory() {
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        try {
            backend.lockMemory();
        } catch (LowLatencyException e) {
            return Outcome.notApplied(RealtimeReads.orNull(backend::lockedMemoryBytes),
                    refusalOf(e, Errno.EPERM, Errno.ENOMEM, Errno.EAGAIN));
        }
        Outcome<Long> locked = Outcome.applied(backend.lockedMemoryBytes());
        Optional<String> hazard = HeapGrowth.hazard();
        if (hazard.isEmpty()) {
            return locked;
        }
        LOG.log(System.Logger.Level.WARNING, "memory locked, but " + hazard.get());
        return locked.withWarning(hazard.get());
    }

    /** Unlocks the memory of this process. */
    Outcome<Long> unlockMemory() {
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return Outcome.notApplied(null, unsupported(unsupported.get()));
        }
        backend.unlockMemory();
        return Outcome.applied(backend.lockedMemoryBytes());
    }

    /** Sets the calling thread's timer slack, 1 ns for 0, and says when the kernel ignored it. */
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
}
