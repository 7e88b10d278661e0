package io.github.lllqos.spi.support;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.RequestRefusedException;

/**
 * Writes a new request's first target and confirms, once per kernel, that the kernel applies requests: a kernel
 * that applied one applies them all, while one that stubs the write out never lowers the effective limit.
 * A provider keeps one instance per kernel it talks to.
 */
public final class RequestPlacement {

    private volatile boolean knownToApplyRequests;

    /** A placement that has not yet seen the kernel apply a request. */
    public RequestPlacement() {
    }

    /**
     * Writes the target into a freshly opened request, and the first time also reads the effective limit back.
     *
     * @param request the new request, at the kernel's default value
     * @param targetMicros the target to write
     * @return the request, holding the target
     * @throws RequestRefusedException when the write fails or the kernel ignored it; the request is removed then
     */
    public CpuLatencyRequest place(CpuLatencyRequest request, int targetMicros) throws RequestRefusedException {
        try {
            request.update(targetMicros);
            if (!knownToApplyRequests) {
                int effective = request.effectiveLimit();
                if (effective > targetMicros) {
                    throw DeviceRefusals.ignoredByKernel(targetMicros, effective);
                }
                knownToApplyRequests = true;
            }
            return request;
        } catch (LowLatencyException e) {
            request.remove();
            throw new RequestRefusedException(e.errno().map(errno -> Refusal.forErrno(errno, e.getMessage()))
                    .orElseGet(() -> Refusal.of(Refusal.Kind.FAILED, e.getMessage())));
        } catch (RequestRefusedException e) {
            request.remove();
            throw e;
        }
    }
}
