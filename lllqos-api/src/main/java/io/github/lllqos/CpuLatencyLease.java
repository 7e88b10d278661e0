package io.github.lllqos;

import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.RequestRefusedException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
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

    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "lllqos-lease-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private final Refusal refusal;
    private volatile int targetMicros;

    private CpuLatencyLease(int targetMicros, Release release, Refusal refusal) {
        this.targetMicros = targetMicros;
        this.release = release;
        this.refusal = refusal;
        this.cleanable = CLEANER.register(this, release);
    }

    static CpuLatencyLease acquire(CpuLatencyQos qos, int targetMicros) {
        CpuLatencyRequest request;
        try {
            request = qos.addRequest(targetMicros);
        } catch (RequestRefusedException refused) {
            return new CpuLatencyLease(targetMicros, new Release(null, targetMicros), refused.refusal());
        }
        return new CpuLatencyLease(targetMicros, new Release(request, targetMicros), null);
    }

    /**
     * Whether this lease holds a request now: it was placed when the lease was opened and is not yet released.
     *
     * @return false where no request could be placed (see {@link #notAcquiredReason()}) and after {@link #close()}
     */
    public boolean acquired() {
        return release.holds();
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
            release.update(targetMicros);
            this.targetMicros = targetMicros;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Releases the request. Idempotent, thread-safe, and throws nothing checked. */
    @Override
    public void close() {
        release.closedByOwner = true;
        cleanable.clean();
        Reference.reachabilityFence(this);
    }

    @Override
    public String toString() {
        String state = release.holds() ? "acquired"
                : release.released ? "closed"
                : "not acquired: " + refusal.message();
        return "CpuLatencyLease[" + targetMicros + " µs, " + state + "]";
    }

    /** The clean-up action; it must not reference the lease, or the lease would never become unreachable. */
    private static final class Release implements Runnable {

        private static final System.Logger LOG = System.getLogger(CpuLatencyLease.class.getName());

        private final CpuLatencyRequest request;
        private final int initialTargetMicros;
        volatile boolean closedByOwner;
        volatile boolean released;

        Release(CpuLatencyRequest request, int initialTargetMicros) {
            this.request = request;
            this.initialTargetMicros = initialTargetMicros;
        }

        boolean holds() {
            return request != null && !released;
        }

        synchronized void update(int targetMicros) {
            if (released) {
                throw new IllegalStateException("the CPU latency lease is closed; open a new one to request "
                        + targetMicros + " µs");
            }
            if (request != null) {
                request.update(targetMicros);
            }
        }

        @Override
        public synchronized void run() {
            released = true;
            if (request == null) {
                return;
            }
            request.remove();
            if (!closedByOwner) {
                LOG.log(System.Logger.Level.WARNING, "A CPU latency lease (opened at " + initialTargetMicros
                        + " µs) was never closed; the Cleaner released it. Open leases in try-with-resources.");
            }
        }
    }
}
