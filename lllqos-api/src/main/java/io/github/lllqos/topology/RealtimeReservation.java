package io.github.lllqos.topology;

import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;

/**
 * What {@link Realtime#setupRealtimeThread(int)} does, on a CPU that no other process takes: the calling thread
 * reserved a CPU ({@link CpuReservation#acquire()}, pinned to it) and runs at SCHED_RR.
 *
 * <pre>{@code
 * try (RealtimeReservation control = RealtimeReservation.setupRealtimeThread(80)) {
 *     control.reservation().notAcquiredReason().ifPresent(reason -> log.warn("no reserved CPU: {}", reason));
 *     runControlLoop();
 * }                                            // CPU released, previous affinity back
 * }</pre>
 *
 * <p>Like its parts, it is not an error when either part cannot be had: the reservation and the priority change
 * each say why. Closing releases the CPU and restores the thread's affinity; the thread keeps its policy.
 *
 * @param reservation the CPU reserved for the thread
 * @param priority what the scheduling change did
 */
public record RealtimeReservation(CpuReservation reservation, PriorityChange priority) implements AutoCloseable {

    /**
     * Reserves a CPU for the calling thread, pins it there and gives it SCHED_RR at {@code priority}, with the
     * fallbacks of {@link Realtime#elevatePriority(SchedPolicy, int)}.
     *
     * @param priority 1..99
     * @return both results
     * @throws IllegalArgumentException for a priority outside 1..99, before anything changes
     */
    public static RealtimeReservation setupRealtimeThread(int priority) {
        SchedPolicy.RR.checkPriority(priority);
        CpuReservation reservation = CpuReservation.acquire();
        return new RealtimeReservation(reservation, Realtime.elevatePriority(SchedPolicy.RR, priority));
    }

    /** Releases the CPU and restores the thread's previous affinity. */
    @Override
    public void close() {
        reservation.close();
    }
}
