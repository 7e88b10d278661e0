package io.github.lllqos.fake;

import java.io.IOException;

/**
 * A system call of the simulated kernel failed with an errno, such as a write of {@code "0xzz"} to
 * {@code /dev/cpu_dma_latency} ({@code EINVAL}) or a write on a descriptor opened read-only ({@code EBADF}).
 */
public final class SimulatedErrnoException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The symbolic errno, such as {@code EINVAL}. */
    private final String errno;

    /**
     * Creates the failure of a simulated call.
     *
     * @param call the call, such as {@code write(/dev/cpu_dma_latency, 5 bytes)}
     * @param errno the symbolic errno, such as {@code "EINVAL"}
     */
    public SimulatedErrnoException(String call, String errno) {
        super(call + " failed: " + errno);
        this.errno = errno;
    }

    /**
     * The symbolic errno the kernel returned.
     *
     * @return such as {@code "EINVAL"}, {@code "ERANGE"} or {@code "EBADF"}
     */
    public String errno() {
        return errno;
    }
}
