package io.github.lllqos;

import java.util.Optional;

/**
 * A system call or a requirement failed. The message names the failing call and, where a permission or
 * limit is missing, how to grant it; {@link #errno()} gives the symbolic error number.
 */
public class LowLatencyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errno;

    /**
     * Creates an exception that no system call error stands behind.
     *
     * @param message what failed and why
     */
    public LowLatencyException(String message) {
        this(message, null);
    }

    /**
     * Creates an exception for a failed system call.
     *
     * @param message the failing call and the hint, such as {@code "write(/dev/cpu_dma_latency) failed: EBADF"}
     * @param errno the symbolic error number such as {@code "EPERM"}, or null
     */
    public LowLatencyException(String message, String errno) {
        super(message);
        this.errno = errno;
    }

    /**
     * The symbolic error number of the failed call.
     *
     * @return such as {@code "EPERM"}, or empty when no system call failed
     */
    public Optional<String> errno() {
        return Optional.ofNullable(errno);
    }
}
