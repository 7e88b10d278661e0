package io.github.lllqos.spi;

/**
 * Thrown by {@link CpuLatencyQos#addRequest(int)} when no request can be placed; the message becomes
 * the lease's {@link io.github.lllqos.CpuLatencyLease#notAcquiredReason()}, so it says why and what fixes it.
 */
public final class RequestRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a refusal.
     *
     * @param reason why the request could not be placed, and the fix
     */
    public RequestRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
