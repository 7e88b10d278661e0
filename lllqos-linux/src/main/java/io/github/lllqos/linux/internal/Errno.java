package io.github.lllqos.linux.internal;

import com.sun.jna.LastErrorException;

/** Symbolic names of Linux error numbers (the asm-generic values shared by x86, arm, arm64 and riscv). */
public final class Errno {

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such process (or thread). */
    public static final int ESRCH = 3;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Try again (also: over a resource limit). */
    public static final int EAGAIN = 11;
    /** Out of memory, or over a memory limit. */
    public static final int ENOMEM = 12;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Permission denied. */
    public static final int EACCES = 13;

    private static final String[] NAMES = new String[40];

    static {
        String[] names = {"EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
            "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
            "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
            "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS"};
        System.arraycopy(names, 0, NAMES, 1, names.length);
    }

    private Errno() {
    }

    /**
     * The symbolic name of an error number.
     *
     * @param errno the number
     * @return such as {@code "EPERM"}, or {@code "errno 95"} for numbers without a name here
     */
    public static String name(int errno) {
        return errno > 0 && errno < NAMES.length && NAMES[errno] != null ? NAMES[errno] : "errno " + errno;
    }

    /**
     * The symbolic name of a failed call's error number.
     *
     * @param failure the exception JNA threw
     * @return such as {@code "EBADF"}
     */
    public static String name(LastErrorException failure) {
        return name(failure.getErrorCode());
    }
}
