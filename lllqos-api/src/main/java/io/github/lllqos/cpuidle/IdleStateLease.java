package io.github.lllqos.cpuidle;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;

import java.lang.ref.Reference;
import java.util.List;
import java.util.Optional;

/**
 * Idle states disabled because their exit latency exceeds a bound, enabled again on {@link #close()}. Made by
 * {@link CpuIdle#disableIdleStatesDeeperThan(java.util.Collection, int)}.
 *
 * <pre>{@code
 * try (IdleStateLease lease = CpuIdle.current().disableIdleStatesDeeperThan(List.of(2, 3), 10)) {
 *     lease.disabledStates().forEach(state -> System.out.println("disabled " + state.name()));
 *     runControlLoopOn(2, 3);
 * }
 * }</pre>
 *
 * <p>Like a {@link CpuLatencyLease}, a lease whose change was refused (no permission, no such file) is not an
 * error: it is not {@link #acquired()}, changed nothing, and says why in {@link #refusal()};
 * {@link #requireAcquired()} makes it one.
 *
 * <p>The {@code disable} flags live in sysfs, not in this process: unlike a {@link CpuLatencyLease}, they
 * <em>survive a crash</em> (or {@code kill -9}) of this process. {@code close()} is idempotent and thread-safe; a
 * lease that becomes unreachable unclosed is restored by a {@link java.lang.ref.Cleaner} and logged as a leak.
 */
public final class IdleStateLease implements AutoCloseable {

    private final int maxExitLatencyMicros;
    private final List<IdleState> disabled;
    private final Refusal refusal;
    private final SysfsHold hold;

    IdleStateLease(SysfsHold.Taken taken, int maxExitLatencyMicros, List<IdleState> disabled) {
        this.maxExitLatencyMicros = maxExitLatencyMicros;
        this.disabled = List.copyOf(disabled);
        this.refusal = null;
        this.hold = taken.of(this, disabled.size() + " idle states deeper than " + maxExitLatencyMicros
                + " µs disabled");
    }

    /** A lease that was not acquired: nothing to enable again, so it is ended from the start. */
    IdleStateLease(int maxExitLatencyMicros, Refusal refusal) {
        this.maxExitLatencyMicros = maxExitLatencyMicros;
        this.disabled = List.of();
        this.refusal = refusal;
        this.hold = SysfsHold.ended(this, "refused idle states deeper than " + maxExitLatencyMicros + " µs");
    }

    /**
     * The bound: states with a larger exit latency were disabled.
     *
     * @return µs
     */
    public int maxExitLatencyMicros() {
        return maxExitLatencyMicros;
    }

    /**
     * Whether the states are disabled by this lease: the change was made, and the lease is not yet ended.
     *
     * @return false where the change was refused (see {@link #refusal()}), and after {@link #close()} or
     *     {@link #keep()}
     */
    public boolean acquired() {
        return refusal == null && !closed();
    }

    /**
     * Why the states were not disabled, and what would let them be.
     *
     * @return the refusal, such as {@link Refusal.Kind#PERMISSION} with EACCES; empty when they were disabled
     */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * Throws unless the states were disabled, for callers that cannot run without it.
     *
     * @return this lease
     * @throws LowLatencyException with the refusal when they were not
     */
    public IdleStateLease requireAcquired() {
        if (refusal != null) {
            throw new LowLatencyException("idle states deeper than " + maxExitLatencyMicros + " µs were not"
                    + " disabled", refusal);
        }
        return this;
    }

    /**
     * The states this lease holds disabled, as they were before it. A state another open lease of lllqos (in any
     * process) holds disabled is among them: it stays disabled until both have ended. A state disabled otherwise,
     * such as by hand, is not: this lease leaves it alone.
     *
     * @return the states, by CPU then depth; empty where the CPUs have no deeper states (or no cpuidle driver)
     */
    public List<IdleState> disabledStates() {
        return disabled;
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
     * Enables the disabled states again, except those another open lease of lllqos still holds disabled, and those
     * someone else enabled or changed meanwhile (left alone, with a warning). Idempotent and thread-safe.
     *
     * @throws LowLatencyException when a state cannot be enabled, naming its file; every state is tried
     */
    @Override
    public void close() {
        hold.close();
        Reference.reachabilityFence(this);
    }

    /**
     * Ends the lease without restoring: the values set stay, as a shell's {@code echo >} would leave them, and no
     * close or Cleaner puts the disabled states back. For callers that set values deliberately for longer than this JVM.
     */
    public void keep() {
        hold.keep();
        Reference.reachabilityFence(this);
    }

    @Override
    public String toString() {
        return "IdleStateLease[" + (refusal != null ? "states deeper than " + maxExitLatencyMicros
                + " µs not disabled: " + refusal : disabled.size() + " states deeper than " + maxExitLatencyMicros
                + " µs disabled" + (closed() ? ", closed" : "")) + "]";
    }
}
