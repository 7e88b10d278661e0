package io.github.lllqos.cpuidle;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Predicate;

/**
 * Makes the changes of {@link CpuIdle} through the journal: the resume latency lease, the idle state lease, and
 * enabling idle states for good. A refused change becomes a lease not acquired or an outcome not applied, with
 * nothing left changed; any other failure is thrown.
 */
final class SysfsChanges {

    private final SysfsJournal journal;
    private final CpuIdleReader reader;

    SysfsChanges(SysfsJournal journal, CpuIdleReader reader) {
        this.journal = journal;
        this.reader = reader;
    }

    /** Sets a resume latency limit on the CPUs, holding each previous value. */
    ResumeLatencyLease setResumeLatency(SortedSet<Integer> cpus, ResumeLatency value) {
        Map<Integer, ResumeLatency> previous = new LinkedHashMap<>();
        List<SysfsJournal.Wanted> wanted = new ArrayList<>();
        try {
            for (int cpu : cpus) {
                previous.put(cpu, reader.resumeLatency(cpu));
                wanted.add(new SysfsJournal.Wanted(SysfsLayout.resumeLatency(cpu), value.kernelForm(), false));
            }
            return new ResumeLatencyLease(SysfsHold.take(journal, wanted), previous, value);
        } catch (LowLatencyException e) {
            return new ResumeLatencyLease(value, refusalOrThrow(e));
        }
    }

    /** Disables the idle states of the CPUs whose exit latency exceeds the bound, except those disabled by hand. */
    IdleStateLease disableDeeperThan(SortedSet<Integer> cpus, int maxExitLatencyMicros) {
        List<IdleState> deeper = statesOf(cpus, state -> state.exitLatencyMicros() > maxExitLatencyMicros);
        List<SysfsJournal.Wanted> wanted = new ArrayList<>();
        for (IdleState state : deeper) {
            wanted.add(new SysfsJournal.Wanted(SysfsLayout.disable(state), "1", true));
        }
        SysfsHold.Taken taken;
        try {
            taken = SysfsHold.take(journal, wanted);
        } catch (LowLatencyException e) {
            return new IdleStateLease(maxExitLatencyMicros, refusalOrThrow(e));
        }
        List<IdleState> held = deeper.stream().filter(state -> taken.holds(SysfsLayout.disable(state))).toList();
        return new IdleStateLease(taken, maxExitLatencyMicros, held);
    }

    /** Enables every disabled idle state of the CPUs, for good. */
    Outcome<List<IdleState>> enable(SortedSet<Integer> cpus) {
        List<IdleState> disabled = statesOf(cpus, IdleState::disabled);
        List<SysfsJournal.Wanted> enabled = new ArrayList<>();
        for (IdleState state : disabled) {
            enabled.add(new SysfsJournal.Wanted(SysfsLayout.disable(state), "0", false));
        }
        try {
            if (!enabled.isEmpty()) {
                journal.set(enabled);
            }
        } catch (LowLatencyException e) {
            return Outcome.notApplied(null, refusalOrThrow(e));
        }
        return Outcome.applied(disabled);
    }

    /** The idle states of the CPUs that match, by CPU then depth. */
    private List<IdleState> statesOf(SortedSet<Integer> cpus, Predicate<IdleState> matching) {
        List<IdleState> states = new ArrayList<>();
        for (int cpu : cpus) {
            reader.idleStates(cpu).stream().filter(matching).forEach(states::add);
        }
        return List.copyOf(states);
    }

    /**
     * A failed change as the refusal it is, by the API's rule (docs/errors.md): a missing permission (EACCES, EPERM,
     * a read-only sysfs: EROFS), a missing file (ENOENT) or a value the kernel rejects (EINVAL, ERANGE, EBUSY). Any
     * other failure is rethrown, as is one whose undo failed too (it carries that failure as suppressed): then
     * something is left changed.
     */
    static Refusal refusalOrThrow(LowLatencyException failure) {
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
        return failure.errno().map(errno -> errno == Errno.EROFS
                        ? Refusal.of(Refusal.Kind.PERMISSION, errno, failure.getMessage())
                        : Refusal.forErrno(errno, failure.getMessage()))
                .filter(refusal -> refusal.kind() != Refusal.Kind.FAILED)
                .orElseThrow(() -> failure);
    }
}
