package io.github.lllqos.spi;

/**
 * One live CPU latency request. The API serialises calls on a request and calls {@link #remove()} once.
 */
public interface CpuLatencyRequest {

    /**
     * Changes the target of this request.
     *
     * @param targetMicros the new target in microseconds, already checked to be non-negative
     * @throws io.github.lllqos.LowLatencyException when the kernel refuses the change
     */
    void update(int targetMicros);

    /**
     * Reads the effective system-wide limit through this request.
     *
     * @return the effective limit in microseconds
     * @throws io.github.lllqos.LowLatencyException when it cannot be read
     */
    int effectiveLimit();

    /** Removes this request; the effective limit no longer includes it. */
    void remove();
}
