package io.github.lllqos;

import io.github.lllqos.spi.CpuLatencyQos;
import java.util.OptionalInt;

/**
 * Emits {@link CpuLatencyLeaseEvent}s where the JFR module is present and a recording has the event enabled.
 * When no recording wants it, an action costs one {@code shouldCommit()} check: the effective limit is read only
 * for an event that will be committed.
 */
final class LeaseEvents {

    private static final boolean JFR_PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent()
            && classPresent("jdk.jfr.Event");

    private LeaseEvents() {
    }

    /**
     * Records one action of a lease.
     *
     * @param action "acquired", "updated", "released" or "refused"
     * @param targetMicros the lease's target afterwards
     * @param qos where the system-wide limit is read, only for an event that will be committed
     */
    static void emit(String action, int targetMicros, CpuLatencyQos qos) {
        if (JFR_PRESENT) {
            Jfr.emit(action, targetMicros, qos);
        }
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, LeaseEvents.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that nothing links the JFR classes where they are missing. */
    private static final class Jfr {

        static void emit(String action, int targetMicros, CpuLatencyQos qos) {
            CpuLatencyLeaseEvent event = new CpuLatencyLeaseEvent();
            if (!event.shouldCommit()) {
                return;
            }
            event.action = action;
            event.targetMicros = targetMicros;
            event.effectiveMicros = effectiveOrMinusOne(qos);
            event.provider = LowLatency.providerName();
            event.commit();
        }

        private static long effectiveOrMinusOne(CpuLatencyQos qos) {
            try {
                OptionalInt limit = qos.effectiveLimit();
                return limit.isPresent() ? limit.getAsInt() : -1;
            } catch (RuntimeException e) {
                return -1;
            }
        }
    }
}
