package io.github.lllqos;

import io.github.lllqos.internal.ProviderRegistry;
import java.util.List;
import java.util.OptionalInt;

/**
 * Low wake-up latency for the threads of this JVM, through the kernel's PM QoS CPU latency interface.
 *
 * <pre>{@code
 * try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {       // target 0 µs
 *     System.out.println("held: " + lease.acquired());
 *     runControlLoop();
 * }                                                                  // request released here
 * }</pre>
 *
 * <p>While a lease is held the kernel keeps every CPU out of idle states that take longer than the target
 * to wake from. Where that is impossible (not Linux, no device, no permission) the lease does nothing and
 * says why: it never throws for that.
 */
public final class LowLatency {

    private LowLatency() {
    }

    /** Selected on first use. */
    private static final class Selected {
        static final ProviderSelection SELECTION = new ProviderSelection(ProviderRegistry.selection());
    }

    /**
     * Requests a CPU wake-up latency of 0 µs (no idle state deeper than polling) until the lease is closed.
     *
     * @return the lease; check {@link CpuLatencyLease#acquired()} to know whether a request is held
     */
    public static CpuLatencyLease lowWakeupLatency() {
        return lowWakeupLatency(0);
    }

    /**
     * Requests a CPU wake-up latency of at most {@code targetMicros} until the lease is closed.
     *
     * @param targetMicros the acceptable wake-up latency in microseconds, 0..{@value Integer#MAX_VALUE}
     * @return the lease; check {@link CpuLatencyLease#acquired()} to know whether a request is held
     * @throws IllegalArgumentException if {@code targetMicros} is negative
     */
    public static CpuLatencyLease lowWakeupLatency(int targetMicros) {
        checkTarget(targetMicros);
        return CpuLatencyLease.acquire(ProviderRegistry.provider().cpuLatencyQos(), targetMicros);
    }

    /**
     * The system-wide CPU latency limit now: the minimum of all requests of all processes.
     *
     * @return the limit in microseconds (2,000,000,000 when nobody asks), or empty where it cannot be read
     */
    public static OptionalInt effectiveCpuLatency() {
        return ProviderRegistry.provider().cpuLatencyQos().effectiveLimit();
    }

    /**
     * The targets of the CPU latency leases this JVM holds now (those opened through this class and not yet
     * closed), in the order they were opened. Leases that were not acquired hold nothing and are not listed.
     *
     * <pre>{@code
     * List<Integer> held = LowLatency.heldLeaseTargets();   // [50, 0]: two requests, the lowest one rules
     * }</pre>
     *
     * @return the targets in microseconds; empty when none is held
     */
    public static List<Integer> heldLeaseTargets() {
        return CpuLatencyLease.heldTargets();
    }

    /**
     * The name of the provider in use.
     *
     * @return {@code "linux"}, {@code "fake"}, {@code "none"} or another provider's name
     */
    public static String providerName() {
        return Selected.SELECTION.chosenName();
    }

    /**
     * Which provider is in use and why the others were passed over.
     *
     * @return the selection, made once per class loader on first use
     */
    public static ProviderSelection providerSelection() {
        return Selected.SELECTION;
    }

    static void checkTarget(int targetMicros) {
        if (targetMicros < 0) {
            throw new IllegalArgumentException("targetMicros must be in 0.." + Integer.MAX_VALUE
                    + " µs, was " + targetMicros + " (the kernel would silently ignore a negative request)");
        }
    }
}
