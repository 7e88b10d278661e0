package io.github.lllqos.cpuidle;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;

import java.lang.ref.Reference;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
public final class ResumeLatencyLease implements AutoCloseable {

    private final Map<Integer, ResumeLatency> previous;
    private final ResumeLatency value;
    private final Refusal refusal;
    private final SysfsHold hold;

    ResumeLatencyLease(SysfsHold.Taken taken, Map<Integer, ResumeLatency> previous, ResumeLatency value) {
        this.previous = Collections.unmodifiableMap(previous);
        this.value = value;
        this.refusal = null;
        this.hold = taken.of(this, "resume latency " + value + " on CPUs " + previous.keySet());
    }

    /** A lease that was not acquired: nothing to restore, so it is ended from the start. */
    ResumeLatencyLease(ResumeLatency value, Refusal refusal) {
        this.previous = Map.of();
        this.value = value;
        this.refusal = refusal;
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
     * Whether the value is in force: it was set when the lease was made, and the lease is not yet ended.
     *
     * @return false where the change was refused (see {@link #refusal()}), and after {@link #close()} or
     *     {@link #keep()}
     */
    public boolean acquired() {
        return refusal == null && !closed();
    }

    /**
     * Why the value was not set, and what would let it.
     *
     * @return the refusal, such as {@link Refusal.Kind#PERMISSION} with EACCES; empty when the value was set
     */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * Throws unless the value was set, for callers that cannot run without it.
     *
     * @return this lease
     * @throws LowLatencyException with the refusal when the value was not set
     */
    public ResumeLatencyLease requireAcquired() {
        if (refusal != null) {
            throw new LowLatencyException("resume latency " + value + " was not set", refusal);
        }
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

    /**
     * Whether the lease has ended, by {@link #close()} (values restored) or {@link #keep()} (values left).
     *
     * @return true once closed or kept
     */
    public boolean closed() {
        return hold.closed();
    }

    /**
     * Puts back what the remaining holders want: each CPU's previous value, or the value of a lease made after this
     * one and still open. A value someone else changed since is left alone, with a warning. Idempotent and
     * thread-safe.
     *
     * @throws LowLatencyException when a value cannot be written back, naming the file and how to restore it
     *     by hand; every CPU is tried
     */
    @Override
    public void close() {
        hold.close();
        Reference.reachabilityFence(this);
    }

    /**
     * Ends the lease without restoring: the values set stay, as a shell's {@code echo >} would leave them, and no
     * close or Cleaner puts the previous values back. For callers that set values deliberately for longer than this JVM.
     */
    public void keep() {
        hold.keep();
        Reference.reachabilityFence(this);
    }

    @Override
    public String toString() {
        return "ResumeLatencyLease[" + value + (refusal != null ? ", not acquired: " + refusal
                : " on CPUs " + previous.keySet() + (closed() ? ", closed" : "")) + "]";
    }
}
