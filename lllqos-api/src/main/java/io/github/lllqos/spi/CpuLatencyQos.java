package io.github.lllqos.spi;

import java.util.OptionalInt;

/**
 * The system-wide CPU latency QoS list: the kernel's {@code /dev/cpu_dma_latency}, or a model of it.
 */
public interface CpuLatencyQos {

    /** The device node of the kernel's CPU latency QoS list. */
    String DEVICE = "/dev/cpu_dma_latency";

    /** The value of a request that asks for nothing, and the effective limit when no request asks for less. */
    int DEFAULT_VALUE_MICROS = 2_000_000_000;

    /**
     * Adds a request at the given target. The target has already been checked to be non-negative.
     *
     * @param targetMicros the requested wake-up latency limit in microseconds
     * @return the live request, which the caller removes exactly once
     * @throws RequestRefusedException when no request can be placed here, with the reason and the fix, and
     *     when the kernel ignores requests ({@link io.github.lllqos.spi.support.DeviceRefusals#ignoredByKernel(int, int)}); a provider
     *     checks that by reading the effective limit back at least after its first write
     */
    CpuLatencyRequest addRequest(int targetMicros) throws RequestRefusedException;

    /**
     * Reads the effective limit, the minimum over all requests of all processes.
     *
     * @return the limit in microseconds, or empty when it cannot be read here
     */
    OptionalInt effectiveLimit();
}
