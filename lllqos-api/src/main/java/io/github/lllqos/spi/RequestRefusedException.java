package io.github.lllqos.spi;

import io.github.lllqos.Refusal;

/**
 * Thrown by {@link CpuLatencyQos#addRequest(int)} when no request can be placed; its {@link Refusal} becomes
 * the lease's {@link io.github.lllqos.CpuLatencyLease#refusal()}, so it says why and what fixes it.
 */
public final class RequestRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    /**
     * Creates a refusal.
     *
     * @param refusal why the request could not be placed, and the fix
     */
    public RequestRefusedException(Refusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    /**
     * Why the request could not be placed.
     *
     * @return the refusal
     */
    public Refusal refusal() {
        return refusal;
    }
}
