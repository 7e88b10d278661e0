package io.github.lllqos.linux.internal;

import io.github.lllqos.Errno;

/**
 * A libc call failed with an error number. Thrown by {@link NativeLibc} on both native layers; carries no stack
 * trace, since the caller turns it into a message naming the call.
 */
public final class ErrnoException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * Records a failure.
     *
     * @param errno the error number the call left in {@code errno}
     */
    public ErrnoException(int errno) {
        super(Errno.nameOf(errno), null, false, false);
        this.errno = errno;
    }

    /**
     * The error number.
     *
     * @return such as 1 for {@link Errno#EPERM}
     */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic name of the error number.
     *
     * @return such as {@code "EPERM"}
     */
    public String errnoName() {
        return Errno.nameOf(errno);
    }

    /**
     * The error number as the API names it.
     *
     * @return the constant, or null for a number {@link Errno} does not name
     */
    public Errno asErrno() {
        return Errno.ofNumber(errno).orElse(null);
    }
}
