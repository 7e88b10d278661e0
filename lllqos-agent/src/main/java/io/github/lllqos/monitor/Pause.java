package io.github.lllqos.monitor;

/**
 * One JVM safepoint as JFR recorded it: from the start of its synchronisation (Java threads asked to stop) to the
 * start of its end phase (Java threads about to be let go), in {@link System#nanoTime()} units.
 *
 * @param start when the JVM began to bring Java threads to a stop
 * @param end when it let them run again
 * @param operation the VM operation it ran, such as {@code "G1CollectForAllocation"}; {@code "safepoint"} when
 *     JFR named none
 * @param gcCause the cause of the collection it was part of, such as {@code "G1 Evacuation Pause"}; empty when
 *     it was no collection or JFR had not told it yet
 */
record Pause(long start, long end, String operation, String gcCause) {

    /** The pause's length. */
    long nanos() {
        return end - start;
    }

    /** The part of {@code [from, to]} this pause covers, 0 when they do not meet. */
    long overlap(long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }

    /** The operation and, where known, the GC cause: {@code "G1CollectForAllocation (G1 Evacuation Pause)"}. */
    String description() {
        return gcCause.isEmpty() ? operation : operation + " (" + gcCause + ")";
    }
}
