package io.github.lllqos.spi;

import java.util.Optional;

/**
 * A backend of lllqos, found with {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation with {@code provides io.github.lllqos.spi.LowLatencyProvider with ...}
 * in {@code module-info.java} and in {@code META-INF/services/io.github.lllqos.spi.LowLatencyProvider}.
 * Construction must be cheap and must not fail: report problems through {@link #unavailableReason()}.
 */
public interface LowLatencyProvider {

    /**
     * The name users select this provider by with {@code -Dlllqos.provider=NAME}, such as {@code "linux"}.
     *
     * @return a short lower-case name
     */
    String name();

    /**
     * Among available providers that are not simulated, the one with the highest priority is chosen.
     *
     * @return this provider's priority
     */
    int priority();

    /**
     * Whether this provider simulates the kernel; a simulated provider on the class path is preferred,
     * since its presence means "this is a test".
     *
     * @return true for simulated kernels
     */
    default boolean simulated() {
        return false;
    }

    /**
     * Why this provider cannot work here, if it cannot.
     *
     * @return empty when the provider is usable, else the reason and, where one exists, the fix
     */
    Optional<String> unavailableReason();

    /**
     * How this provider works here, for {@code lllqos providers} and {@code status}: such as which native layer
     * carries its calls and why.
     *
     * @return one line, or empty (the default) when there is nothing to say
     */
    default Optional<String> detail() {
        return Optional.empty();
    }

    /**
     * The CPU latency QoS interface of this provider.
     *
     * @return the CPU latency QoS backend; only called when {@link #unavailableReason()} is empty
     *     or the user selected this provider by name
     */
    CpuLatencyQos cpuLatencyQos();

    /**
     * The kernel's CPU attribute files (per-CPU resume latency, cpuidle states) of this provider.
     *
     * @return the attributes, or empty when this provider offers none (the default, so older providers keep
     *     compiling); the API then reports that this provider lacks them
     */
    default Optional<CpuSysfs> cpuSysfs() {
        return Optional.empty();
    }

    /**
     * The kernel's reports outside the CPU attribute directory (cgroup cpusets, hybrid CPU lists) of this
     * provider, for {@link io.github.lllqos.topology.CpuTopology}.
     *
     * @return the files, or empty when this provider offers none (the default); the topology then has no cpuset
     *     and no core types
     */
    default Optional<SystemFiles> systemFiles() {
        return Optional.empty();
    }

    /**
     * The per-CPU locks behind {@link io.github.lllqos.topology.CpuReservation}, shared by every process that
     * reserves CPUs here.
     *
     * @return the locks, or empty when this provider cannot reserve CPUs (the default); reservations then say why
     */
    default Optional<CpuLocks> cpuLocks() {
        return Optional.empty();
    }

    /**
     * The real-time scheduling primitives of this provider, behind {@link io.github.lllqos.realtime.Realtime} and
     * {@link io.github.lllqos.realtime.Periodic}. Providers without them return
     * {@link io.github.lllqos.spi.support.UnsupportedRealtime}, which says why.
     *
     * @return the backend; one whose {@link RealtimeBackend#unsupportedReason()} is present where the provider
     *     cannot schedule threads
     */
    RealtimeBackend realtime();
}
