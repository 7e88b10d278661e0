package io.github.lllqos;

import java.util.Optional;

/**
 * The Linux error numbers that lllqos's system calls and file accesses report, by their C names, so callers
 * branch on a code rather than on a message.
 *
 * <pre>{@code
 * Outcome<Long> locked = Realtime.lockMemory();
 * if (locked.errno().orElse(null) == Errno.EPERM) {
 *     log.info("no CAP_IPC_LOCK: {}", locked.notAppliedReason().orElseThrow());
 * }
 * }</pre>
 */
public enum Errno {
    /** Operation not permitted. */
    EPERM(1),
    /** No such file or directory. */
    ENOENT(2),
    /** No such process. */
    ESRCH(3),
    /** Interrupted system call. */
    EINTR(4),
    /** I/O error. */
    EIO(5),
    /** No such device or address. */
    ENXIO(6),
    /** Argument list too long. */
    E2BIG(7),
    /** Bad file descriptor. */
    EBADF(9),
    /** Try again. */
    EAGAIN(11),
    /** Out of memory. */
    ENOMEM(12),
    /** Permission denied. */
    EACCES(13),
    /** Bad address. */
    EFAULT(14),
    /** Device or resource busy; for SCHED_DEADLINE, admission control refused the bandwidth. */
    EBUSY(16),
    /** File exists. */
    EEXIST(17),
    /** No such device. */
    ENODEV(19),
    /** Not a directory. */
    ENOTDIR(20),
    /** Is a directory. */
    EISDIR(21),
    /** Invalid argument. */
    EINVAL(22),
    /** File table overflow. */
    ENFILE(23),
    /** Too many open files. */
    EMFILE(24),
    /** Not a typewriter. */
    ENOTTY(25),
    /** No space left on device. */
    ENOSPC(28),
    /** Illegal seek. */
    ESPIPE(29),
    /** Read-only file system. */
    EROFS(30),
    /** Math result not representable. */
    ERANGE(34),
    /** Function not implemented. */
    ENOSYS(38),
    /** Too many symbolic links. */
    ELOOP(40),
    /** Operation not supported. */
    EOPNOTSUPP(95);

    private static final Errno[] BY_NUMBER = new Errno[96];

    static {
        for (Errno errno : values()) {
            BY_NUMBER[errno.number] = errno;
        }
    }

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /**
     * The error's number on Linux (x86-64 and arm64 share them).
     *
     * @return such as 1 for {@link #EPERM}
     */
    public int number() {
        return number;
    }

    /**
     * The error of a number a system call returned.
     *
     * @param number the {@code errno} value
     * @return the error, empty for a number this enum does not name
     */
    public static Optional<Errno> ofNumber(int number) {
        return number > 0 && number < BY_NUMBER.length ? Optional.ofNullable(BY_NUMBER[number]) : Optional.empty();
    }

    /**
     * The C name of a number, for messages: {@code "EPERM"}, or {@code "errno 133"} for one not named here.
     *
     * @param number the {@code errno} value
     * @return the name
     */
    public static String nameOf(int number) {
        return ofNumber(number).map(Errno::name).orElse("errno " + number);
    }
}
