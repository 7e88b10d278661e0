package io.github.lllqos.cpuidle;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;
import io.github.lllqos.internal.Restoration;

import java.lang.ref.Reference;
import java.util.ArrayList;
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
    private final Restoration.Handle restoration;

    private IdleStateLease(CpuIdle idle, int maxExitLatencyMicros, List<IdleState> disabled) {
        this.maxExitLatencyMicros = maxExitLatencyMicros;
        List<IdleState> states = List.copyOf(disabled);
        this.disabled = states;
        this.refusal = null;
        this.restoration = Restoration.register(this, states.size() + " idle states deeper than "
                + maxExitLatencyMicros + " µs disabled", () -> enable(idle, states));
    }

    /** A lease that was not acquired: nothing to enable again, so it is ended from the start. */
    private IdleStateLease(int maxExitLatencyMicros, Refusal refusal) {
        this.maxExitLatencyMicros = maxExitLatencyMicros;
        this.disabled = List.of();
        this.refusal = refusal;
        this.restoration = Restoration.register(this, "refused idle states deeper than " + maxExitLatencyMicros
                + " µs", () -> { });
        this.restoration.keep();
    }

    static IdleStateLease disable(CpuIdle idle, int maxExitLatencyMicros, List<IdleState> deeper) {
        List<IdleState> done = new ArrayList<>();
        try {
            for (IdleState state : deeper) {
                idle.writeDisabled(state, true);
                done.add(state);
            }
        } catch (LowLatencyException e) {
            try {
                enable(idle, done);
            } catch (LowLatencyException restoreFailure) {
                e.addSuppressed(restoreFailure);
                throw e;
            }
            return new IdleStateLease(maxExitLatencyMicros, CpuIdle.refusalOf(e).orElseThrow(() -> e));
        }
        return new IdleStateLease(idle, maxExitLatencyMicros, done);
    }

    /** Enables every given state again, trying all even when one fails. */
    private static void enable(CpuIdle idle, List<IdleState> states) {
        List<String> failures = new ArrayList<>();
        for (IdleState state : states) {
            try {
                idle.writeDisabled(state, false);
            } catch (LowLatencyException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new LowLatencyException("could not enable idle states again (write 0 to their disable files by"
                    + " hand): " + String.join("; ", failures));
        }
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
     * The states this lease disabled, as they were before; states that were already disabled are not among them.
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
        return restoration.closed();
    }

    /**
     * Enables the disabled states again. Idempotent and thread-safe.
     *
     * @throws LowLatencyException when a state cannot be enabled, naming its file; every state is tried
     */
    @Override
    public void close() {
        restoration.close();
        Reference.reachabilityFence(this);
    }

    /**
     * Ends the lease without restoring: the values set stay, as a shell's {@code echo >} would leave them, and no
     * close or Cleaner puts the disabled states back. For callers that set values deliberately for longer than this JVM.
     */
    public void keep() {
        restoration.keep();
        Reference.reachabilityFence(this);
    }

    @Override
    public String toString() {
        return "IdleStateLease[" + (refusal != null ? "states deeper than " + maxExitLatencyMicros
                + " µs not disabled: " + refusal : disabled.size() + " states deeper than " + maxExitLatencyMicros
                + " µs disabled" + (closed() ? ", closed" : "")) + "]";
    }
}
