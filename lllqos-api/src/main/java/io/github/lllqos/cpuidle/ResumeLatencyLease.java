package io.github.lllqos.cpuidle;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A per-CPU resume latency limit set on some CPUs, restored to each CPU's previous value on {@link #close()}.
 * Made by {@link CpuIdle#setResumeLatency(java.util.Collection, ResumeLatency)}.
 *
 * <pre>{@code
 * try (ResumeLatencyLease lease = CpuIdle.current().setResumeLatency(List.of(2, 3), ResumeLatency.ofMicros(10))) {
 *     System.out.println("was: " + lease.previousValues());
 *     runControlLoopOn(2, 3);
 * }
 * }</pre>
 *
 * <p>Like a {@link CpuLatencyLease}, a lease whose change was refused (no permission, no such file, a value the
 * kernel rejects) is not an error: it is not {@link #acquired()}, changed nothing, and says why in
 * {@link #refusal()}; {@link #requireAcquired()} makes it one.
 *
 * <p>The value lives in sysfs, not in this process: unlike a {@link CpuLatencyLease}, it <em>survives a crash</em>
 * (or {@code kill -9}) of this process; the journal of sysfs changes lets the next lease, or
 * {@link CpuIdle#restoreAbandoned()}, put it back then. {@code close()} is
 * idempotent and thread-safe; a lease that becomes unreachable unclosed is restored by a {@link java.lang.ref.Cleaner}
 * and logged as a leak.
 */
public final class ResumeLatencyLease extends SysfsLease {

    private final Map<Integer, ResumeLatency> previous;
    private final ResumeLatency value;
    private final SysfsHold hold;

    ResumeLatencyLease(SysfsHold.Taken taken, Map<Integer, ResumeLatency> previous, ResumeLatency value) {
        super(null);
        this.previous = Collections.unmodifiableMap(previous);
        this.value = value;
        this.hold = taken.of(this, "resume latency " + value + " on CPUs " + previous.keySet());
    }

    /** A lease that was not acquired: nothing to restore, so it is ended from the start. */
    ResumeLatencyLease(ResumeLatency value, Refusal refusal) {
        super(refusal);
        this.previous = Map.of();
        this.value = value;
        this.hold = SysfsHold.ended(this, "refused resume latency " + value);
    }

    /**
     * The value set.
     *
     * @return the limit now in force on {@link #previousValues()}'s CPUs
     */
    public ResumeLatency value() {
        return value;
    }

    /**
     * Throws unless the value was set, for callers that cannot run without it.
     *
     * @return this lease
     * @throws LowLatencyException with the refusal when the value was not set
     */
    public ResumeLatencyLease requireAcquired() {
        requireAcquired("resume latency " + value + " was not set");
        return this;
    }

    /**
     * Each CPU's value before this lease, which {@link #close()} writes back.
     *
     * @return CPU number to previous value, ascending by CPU; empty when not acquired
     */
    public Map<Integer, ResumeLatency> previousValues() {
        return previous;
    }

    @Override
    SysfsHold hold() {
        return hold;
    }

    @Override
    public String toString() {
        return "ResumeLatencyLease[" + value + refusal().map(refusal -> ", not acquired: " + refusal)
                .orElseGet(() -> " on CPUs " + previous.keySet() + (closed() ? ", closed" : "")) + "]";
    }
}
