package io.github.lllqos;

import java.util.Optional;

/**
 * An unexpected failure of a system call or kernel file, with the call, its error and the fix in the message,
 * such as {@code sched_setscheduler(0, SCHED_FIFO, 80) failed: EPERM}. Refusals that are expected (no permission,
 * not Linux) are not thrown: leases and {@link Outcome}s report them as a {@link Refusal}, and their
 * {@code require...} methods turn them into this exception.
 */
public class LowLatencyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Errno errno;

    /**
     * A failure without an errno.
     *
     * @param message what failed, and the fix
     */
    public LowLatencyException(String message) {
        this(message, (Errno) null);
    }

    /**
     * A failed system call.
     *
     * @param message the call, its error and the fix
     * @param errno the call's error, or null where none is known
     */
    public LowLatencyException(String message, Errno errno) {
        super(message);
        this.errno = errno;
    }

    /**
     * The failure of something that was refused.
     *
     * @param context what was asked, such as {@code "CPU latency request for 0 us was not acquired"}
     * @param refusal why it was refused
     */
    public LowLatencyException(String context, Refusal refusal) {
        this(context + ": " + refusal.message(), refusal.errno().orElse(null));
    }

    /**
     * The error of the failed call.
     *
     * @return such as {@link Errno#EPERM}, empty where no errno is known
     */
    public Optional<Errno> errno() {
        return Optional.ofNullable(errno);
    }
}
