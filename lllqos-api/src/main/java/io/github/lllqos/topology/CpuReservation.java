package io.github.lllqos.topology;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.internal.CpuNumbers;
import io.github.lllqos.internal.LeaseRelease;
import io.github.lllqos.spi.CpuLock;
import io.github.lllqos.spi.support.CpuList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * CPUs reserved for the calling thread, exclusively across processes and across containers that share the lock
 * directory, for as long as a try-with-resources block runs. The calling thread is pinned to the reserved CPU;
 * {@link #close()} puts its previous affinity back and frees the CPUs.
 *
 * <pre>{@code
 * try (CpuReservation cpu = CpuReservation.acquire()) {          // one CPU, the thread pinned to it
 *     if (!cpu.acquired()) {
 *         log.warn("running unpinned: {}", cpu.notAcquiredReason().orElseThrow());
 *     }
 *     try (CpuReservation peer = CpuReservation.acquire(CpuStrategy.SAME_SOCKET, cpu)) { ... }
 *     runControlLoop();
 * }
 * try (CpuReservation core = CpuReservation.acquireCore()) { ... }  // all siblings reserved, the thread on one
 * }</pre>
 *
 * <p>Which CPUs can be reserved: {@link ReservableCpus} (the isolated CPUs where there are any, else all but CPU 0,
 * or {@code -Dlllqos.reservable-cpus}), of those this process may use. The locks are per-CPU lock files in
 * {@code /run/lllqos/cpus} (or {@code -Dlllqos.cpu-lock-dir}), locked with locks the kernel drops when their holder
 * dies: a CPU is never blocked by a holder that is gone. A reservation that cannot be had is not an error, like a
 * lease that is not acquired: it holds nothing, and its reason says which CPUs are held by which processes.
 * {@link #close()} is idempotent and thread-safe; a reservation that becomes unreachable unclosed is released by a
 * {@link java.lang.ref.Cleaner} and logged as a leak.
 */
public final class CpuReservation implements AutoCloseable {

    /** Why a reservation was not acquired. */
    public enum Refused {
        /** The provider cannot reserve CPUs or pin threads here (not Linux, provider {@code none}). */
        UNSUPPORTED,
        /** None of the reservable CPUs, or of the CPUs asked for by number, is one this process may use. */
        NOTHING_RESERVABLE,
        /** No reservable CPU lies where the strategy asks, or no whole core is reservable. */
        NONE_WHERE_ASKED,
        /** Every CPU that would do is held by others: see {@link #holders()}. */
        HELD,
        /** The lock directory cannot be used by this user. */
        LOCKS_UNUSABLE,
        /** The CPUs were free but the thread could not be pinned to them. */
        NOT_PINNED
    }

    private final Set<Integer> cpus;
    private final OptionalInt pinnedCpu;
    private final String notAcquiredReason;
    private final Refused refused;
    private final List<CpuHolder> holders;
    private final LeaseRelease release;

    private CpuReservation(Set<Integer> cpus, OptionalInt pinnedCpu, String notAcquiredReason, Refused refused,
                           List<CpuHolder> holders, Runnable undo) {
        this.cpus = CpuSets.sorted(cpus);
        this.pinnedCpu = pinnedCpu;
        this.notAcquiredReason = notAcquiredReason;
        this.refused = refused;
        this.holders = List.copyOf(holders);
        this.release = undo == null ? null
                : LeaseRelease.register(this, () -> "CPU reservation of " + CpuList.format(cpus), undo);
    }

    static CpuReservation held(Set<Integer> cpus, int pinnedCpu, Runnable undo) {
        return new CpuReservation(cpus, OptionalInt.of(pinnedCpu), null, null, List.of(), undo);
    }

    static CpuReservation notAcquired(Refused refused, String reason, List<CpuHolder> holders) {
        return new CpuReservation(Set.of(), OptionalInt.empty(), Objects.requireNonNull(reason), refused, holders,
                null);
    }

    /**
     * Reserves one reservable CPU and pins the calling thread to it.
     *
     * @return the reservation; not acquired (with the reason) when no CPU can be had
     * @throws IllegalArgumentException when {@code -Dlllqos.reservable-cpus} is not a list of online CPUs
     */
    public static CpuReservation acquire() {
        return CpuReserver.reserve(false, CpuStrategy.ANY, Set.of(), null);
    }

    /**
     * Reserves one CPU that lies where {@code strategy} asks relative to another reservation, and pins the calling
     * thread to it.
     *
     * @param strategy where the CPU lies relative to {@code relativeTo}
     * @param relativeTo another reservation of this process; one that is not acquired holds no CPU, so only
     *     {@link CpuStrategy#ANY}, {@link CpuStrategy#DIFFERENT_CORE} and {@link CpuStrategy#DIFFERENT_SOCKET}
     *     can be met relative to it
     * @return the reservation; not acquired (with the reason) when no such CPU can be had
     * @throws IllegalArgumentException when {@code -Dlllqos.reservable-cpus} is not a list of online CPUs
     */
    public static CpuReservation acquire(CpuStrategy strategy, CpuReservation relativeTo) {
        return CpuReserver.reserve(false, Objects.requireNonNull(strategy, "strategy"),
                Objects.requireNonNull(relativeTo, "relativeTo").cpus(), null);
    }

    /**
     * Reserves one CPU among the given ones and pins the calling thread to it.
     *
     * @param candidates online CPUs, at least one; the reservable CPUs are not consulted
     * @return the reservation; not acquired (with the reason) when none of them can be had, or none lies within
     *     this process's affinity and cpuset
     * @throws IllegalArgumentException when the set is empty or names a CPU that is not a CPU number or not online
     */
    public static CpuReservation acquireAmong(Set<Integer> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        return CpuReserver.reserve(false, CpuStrategy.ANY, Set.of(), CpuNumbers.checked(candidates));
    }

    /**
     * Reserves a whole core: all its hardware threads, so no other work shares the core, with the calling thread
     * pinned to its lowest CPU. On a machine without SMT a core is one CPU.
     *
     * @return the reservation; not acquired (with the reason) when no whole core can be had
     * @throws IllegalArgumentException when {@code -Dlllqos.reservable-cpus} is not a list of online CPUs
     */
    public static CpuReservation acquireCore() {
        return CpuReserver.reserve(true, CpuStrategy.ANY, Set.of(), null);
    }

    /**
     * Reserves a whole core that lies where {@code strategy} asks relative to another reservation.
     *
     * @param strategy where the core lies relative to {@code relativeTo}
     * @param relativeTo another reservation of this process
     * @return the reservation; not acquired (with the reason) when no such core can be had
     * @throws IllegalArgumentException when {@code -Dlllqos.reservable-cpus} is not a list of online CPUs
     */
    public static CpuReservation acquireCore(CpuStrategy strategy, CpuReservation relativeTo) {
        return CpuReserver.reserve(true, Objects.requireNonNull(strategy, "strategy"),
                Objects.requireNonNull(relativeTo, "relativeTo").cpus(), null);
    }

    /**
     * Who holds each CPU of this machine that is reserved now, by any process sharing the lock directory.
     *
     * @return the holders, by CPU; empty where this provider cannot reserve CPUs
     */
    public static List<CpuHolder> holdersNow() {
        return CpuReserver.holdersNow();
    }

    /**
     * Where the CPU locks are.
     *
     * @return such as {@code /run/lllqos/cpus}; empty where this provider cannot reserve CPUs
     */
    public static Optional<String> lockLocation() {
        return CpuReserver.lockLocation();
    }

    /**
     * Whether this reservation holds CPUs now.
     *
     * @return false when none could be had (see {@link #notAcquiredReason()}) and after {@link #close()}
     */
    public boolean acquired() {
        return release != null && !release.ended();
    }

    /**
     * The CPUs this reservation holds: one, or a whole core.
     *
     * @return ascending; empty when not acquired or closed
     */
    public Set<Integer> cpus() {
        return acquired() ? cpus : Set.of();
    }

    /**
     * The CPU the acquiring thread was pinned to.
     *
     * @return the CPU, empty when not acquired or closed
     */
    public OptionalInt pinnedCpu() {
        return acquired() ? pinnedCpu : OptionalInt.empty();
    }

    /**
     * Why no CPU was reserved.
     *
     * @return the reason, naming the CPUs and the processes that hold them; empty when acquired
     */
    public Optional<String> notAcquiredReason() {
        return Optional.ofNullable(notAcquiredReason);
    }

    /**
     * Why no CPU was reserved, as a code.
     *
     * @return what stood in the way, empty when acquired
     */
    public Optional<Refused> refused() {
        return Optional.ofNullable(refused);
    }

    /**
     * The holders of the CPUs this reservation wanted but could not have.
     *
     * @return by CPU; empty when acquired
     */
    public List<CpuHolder> holders() {
        return holders;
    }

    /**
     * Throws unless acquired, for callers that cannot run without a reserved CPU.
     *
     * @return this reservation
     * @throws LowLatencyException with the reason otherwise
     */
    public CpuReservation requireAcquired() {
        if (release == null) {
            throw new LowLatencyException("no CPU reserved: " + notAcquiredReason);
        }
        return this;
    }

    /** Restores the acquiring thread's previous affinity and frees the CPUs; idempotent and thread-safe. */
    @Override
    public void close() {
        if (release != null) {
            release.close();
        }
    }

    @Override
    public String toString() {
        return release == null ? "CpuReservation[not acquired: " + notAcquiredReason + "]"
                : "CpuReservation[" + CpuList.format(cpus) + (acquired() ? ", pinned to " + pinnedCpu.getAsInt()
                        : ", closed") + "]";
    }

    /** Releases held locks; kept here so the reservation's fields name every way it ends. */
    static void releaseAll(List<CpuLock> locks) {
        RuntimeException first = null;
        for (CpuLock lock : locks) {
            try {
                lock.release();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
