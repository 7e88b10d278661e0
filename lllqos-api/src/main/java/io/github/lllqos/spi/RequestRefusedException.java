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

    /**
     * The refusal for a kernel that accepted a write but did not apply it (some vendor kernels stub the write
     * out). Providers read the effective limit back after their first write to find such kernels.
     *
     * @param targetMicros the target that was written
     * @param effectiveMicros the effective limit read back, above the target
     * @return the refusal, with the reason
     */
    public static RequestRefusedException ignoredByKernel(int targetMicros, int effectiveMicros) {
        return new RequestRefusedException("the kernel accepted a request for " + targetMicros
                + " µs but the effective limit stayed at " + effectiveMicros + " µs: this kernel ignores CPU"
                + " latency requests (some vendor kernels stub the write out), so none is held");
    }
}
