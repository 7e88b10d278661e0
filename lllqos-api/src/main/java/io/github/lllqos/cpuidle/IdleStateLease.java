package io.github.lllqos.cpuidle;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;

import java.util.List;

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
public final class IdleStateLease extends SysfsLease {

    private final int maxExitLatencyMicros;
    private final List<IdleState> disabled;
    private final SysfsHold hold;

    IdleStateLease(SysfsHold.Taken taken, int maxExitLatencyMicros, List<IdleState> disabled) {
        super(null);
        this.maxExitLatencyMicros = maxExitLatencyMicros;
        this.disabled = List.copyOf(disabled);
        this.hold = taken.of(this, disabled.size() + " idle states deeper than " + maxExitLatencyMicros
                + " µs disabled");
    }

    /** A lease that was not acquired: nothing to enable again, so it is ended from the start. */
    IdleStateLease(int maxExitLatencyMicros, Refusal refusal) {
        super(refusal);
        this.maxExitLatencyMicros = maxExitLatencyMicros;
        this.disabled = List.of();
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
     * Throws unless the states were disabled, for callers that cannot run without it.
     *
     * @return this lease
     * @throws LowLatencyException with the refusal when they were not
     */
    public IdleStateLease requireAcquired() {
        requireAcquired("idle states deeper than " + maxExitLatencyMicros + " µs were not disabled");
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

    @Override
    SysfsHold hold() {
        return hold;
    }

    @Override
    public String toString() {
        String bound = "states deeper than " + maxExitLatencyMicros + " µs";
        return "IdleStateLease[" + refusal().map(refusal -> bound + " not disabled: " + refusal)
                .orElseGet(() -> disabled.size() + " " + bound + " disabled" + (closed() ? ", closed" : "")) + "]";
    }
}
