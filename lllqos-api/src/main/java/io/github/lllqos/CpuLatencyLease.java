package io.github.lllqos;

import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.RequestRefusedException;
import io.github.lllqos.internal.LeaseRelease;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CPU latency request held for the life of a try-with-resources block.
 *
 * <pre>{@code
 * try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(50)) {
 *     if (!lease.acquired()) {
 *         log.info("running without a latency request: {}", lease.notAcquiredReason().orElseThrow());
 *     }
 *     runControlLoop();
 * }
 * }</pre>
 *
 * <p>A lease that could not be acquired is harmless: it holds nothing, and says why. {@link #close()} is
 * idempotent and thread-safe. A lease that becomes unreachable without being closed is released by a
 * {@link Cleaner} and logged as a leak.
 */
public final class CpuLatencyLease implements AutoCloseable {

    private final CpuLatencyRequest request;
    private final LeaseRelease release;
    private final CpuLatencyQos qos;
    /** The held request's entry in {@link Held}; shared with the release action, which must not reference the lease. */
    private final Held.Entry held = new Held.Entry();
    private final Refusal refusal;
    private volatile int targetMicros;

    private CpuLatencyLease(int targetMicros, CpuLatencyQos qos, CpuLatencyRequest request, Refusal refusal) {
        this.targetMicros = targetMicros;
        this.qos = qos;
        this.request = request;
        this.refusal = refusal;
        Held.Entry entry = held;
        entry.targetMicros = targetMicros;
        this.release = LeaseRelease.register(this, () -> "CPU latency request, opened at " + targetMicros + " µs",
                request == null ? () -> { } : () -> {
                    Held.unlink(entry);
                    request.remove();
                    LeaseEvents.emit("released", entry.targetMicros, qos);
                });
        if (request != null) {
            Held.link(entry);
        }
    }

    static CpuLatencyLease acquire(CpuLatencyQos qos, int targetMicros) {
        try {
            CpuLatencyLease lease = new CpuLatencyLease(targetMicros, qos, qos.addRequest(targetMicros), null);
            LeaseEvents.emit("acquired", targetMicros, qos);
            return lease;
        } catch (RequestRefusedException refused) {
            LeaseEvents.emit("refused", targetMicros, qos);
            return new CpuLatencyLease(targetMicros, qos, null, refused.refusal());
        }
    }

    /** The targets of the leases of this class loader that hold a request now, in the order they were opened. */
    static List<Integer> heldTargets() {
        return Held.targets();
    }

    /**
     * Whether this lease holds a request now: it was placed when the lease was opened and is not yet released.
     *
     * @return false where no request could be placed (see {@link #notAcquiredReason()}) and after {@link #close()}
     */
    public boolean acquired() {
        return request != null && !release.ended();
    }

    /**
     * Why no request was placed, and what fixes it (a udev rule, {@code --device /dev/cpu_dma_latency}, ...).
     *
     * @return the reason, or empty if the request was placed
     */
    public Optional<String> notAcquiredReason() {
        return refusal().map(Refusal::message);
    }

    /**
     * Why no request was placed, as a kind and an errno to branch on.
     *
     * @return the refusal, or empty if the request was placed
     */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * Throws unless the request was placed, for callers that cannot run without it.
     *
     * @return this lease
     * @throws LowLatencyException with the reason when the request was not placed
     */
    public CpuLatencyLease requireAcquired() {
        if (refusal != null) {
            throw new LowLatencyException("CPU latency request for " + targetMicros + " µs was not acquired", refusal);
        }
        return this;
    }

    /**
     * The requested wake-up latency limit.
     *
     * @return the target in microseconds, as last set
     */
    public int targetMicros() {
        return targetMicros;
    }

    /**
     * Changes the request while it is held. On a lease that was not acquired it only records the target.
     *
     * @param targetMicros the new limit in microseconds, 0..{@value Integer#MAX_VALUE}
     * @throws IllegalArgumentException if the target is negative; nothing changes then
     * @throws IllegalStateException if the lease is closed
     * @throws LowLatencyException if the kernel refuses the change
     */
    public void update(int targetMicros) {
        LowLatency.checkTarget(targetMicros);
        try {
            release.whileHeld(() -> {
                if (request != null) {
                    request.update(targetMicros);
                    LeaseEvents.emit("updated", targetMicros, qos);
                }
                this.targetMicros = targetMicros;
                held.targetMicros = targetMicros;
            }, () -> "the CPU latency lease is closed; open a new one to request " + targetMicros + " µs");
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Releases the request. Idempotent, thread-safe, and throws nothing checked. */
    @Override
    public void close() {
        release.close();
        Reference.reachabilityFence(this);
    }

    @Override
    public String toString() {
        String state = acquired() ? "acquired"
                : release.ended() ? "closed"
                : "not acquired: " + refusal.message();
        return "CpuLatencyLease[" + targetMicros + " µs, " + state + "]";
    }

    /**
     * The leases whose request is held, as a list linked through their entries: acquire and release link and
     * unlink without allocating, and only a reader copies.
     */
    private static final class Held {

        private static Entry first;
        private static Entry last;

        private Held() {
        }

        /** One held request: its target, and its neighbours while linked (under the class's lock). */
        static final class Entry {
            volatile int targetMicros;
            Entry previous;
            Entry next;
        }

        static synchronized void link(Entry entry) {
            entry.previous = last;
            if (last == null) {
                first = entry;
            } else {
                last.next = entry;
            }
            last = entry;
        }

        static synchronized void unlink(Entry entry) {
            if (entry.previous == null) {
                first = entry.next;
            } else {
                entry.previous.next = entry.next;
            }
            if (entry.next == null) {
                last = entry.previous;
            } else {
                entry.next.previous = entry.previous;
            }
            entry.previous = null;
            entry.next = null;
        }

        static synchronized List<Integer> targets() {
            List<Integer> targets = new ArrayList<>();
            for (Entry entry = first; entry != null; entry = entry.next) {
                targets.add(entry.targetMicros);
            }
            return List.copyOf(targets);
        }
    }
}
