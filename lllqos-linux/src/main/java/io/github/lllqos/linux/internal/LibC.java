package io.github.lllqos.linux.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc calls. C names for C things; sizes assume an LP64 ABI, which
 * {@link #unsupportedReason()} checks.
 */
public final class LibC {

    /** {@code O_RDONLY}. */
    public static final int O_RDONLY = 0;
    /** {@code O_RDWR}. */
    public static final int O_RDWR = 2;
    /** {@code O_CLOEXEC} (asm-generic value, used by x86, arm, arm64, riscv, powerpc, s390). */
    public static final int O_CLOEXEC = 0x80000;
    /** {@code O_NOCTTY} (asm-generic): opening a terminal does not make it the controlling one. */
    public static final int O_NOCTTY = 0x100;
    /** {@code O_NONBLOCK} (asm-generic): opening a FIFO or a serial line does not wait. */
    public static final int O_NONBLOCK = 0x800;

    /** {@code AT_EMPTY_PATH}: with an empty path, {@code statx} describes the descriptor itself, as fstat does. */
    public static final int AT_EMPTY_PATH = 0x1000;
    /** {@code STATX_TYPE}: ask for the file type in {@code stx_mode}. */
    public static final int STATX_TYPE = 0x1;
    /** {@code sizeof(struct statx)}: the same on every architecture. */
    public static final int SIZEOF_STATX = 256;
    /** Offset of {@code __u16 stx_mode} in {@code struct statx}. */
    public static final int STATX_MODE_OFFSET = 28;
    /** Offset of {@code __u32 stx_rdev_major} in {@code struct statx}. */
    public static final int STATX_RDEV_MAJOR_OFFSET = 128;
    /** Offset of {@code __u32 stx_rdev_minor} in {@code struct statx}. */
    public static final int STATX_RDEV_MINOR_OFFSET = 132;
    /** {@code S_IFMT}: the file type bits of a mode. */
    public static final int S_IFMT = 0170000;
    /** {@code S_IFCHR}: a character device. */
    public static final int S_IFCHR = 0020000;
    /** {@code S_IFBLK}: a block device. */
    public static final int S_IFBLK = 0060000;
    /** {@code S_IFREG}: a regular file. */
    public static final int S_IFREG = 0100000;
    /** {@code S_IFDIR}: a directory. */
    public static final int S_IFDIR = 0040000;
    /** {@code S_IFIFO}: a FIFO. */
    public static final int S_IFIFO = 0010000;
    /** {@code S_IFSOCK}: a socket. */
    public static final int S_IFSOCK = 0140000;

    /** {@code SCHED_OTHER}. */
    public static final int SCHED_OTHER = 0;
    /** {@code SCHED_FIFO}. */
    public static final int SCHED_FIFO = 1;
    /** {@code SCHED_RR}. */
    public static final int SCHED_RR = 2;
    /** {@code SCHED_BATCH}. */
    public static final int SCHED_BATCH = 3;
    /** {@code SCHED_IDLE}. */
    public static final int SCHED_IDLE = 5;
    /** {@code SCHED_DEADLINE}. */
    public static final int SCHED_DEADLINE = 6;
    /** {@code SCHED_FLAG_RESET_ON_FORK}, a {@code sched_attr.sched_flags} bit: children get SCHED_OTHER. */
    public static final long SCHED_FLAG_RESET_ON_FORK = 0x01;
    /** {@code SCHED_ATTR_SIZE_VER0}: {@code sizeof(struct sched_attr)} without the utilization clamps. */
    public static final int SIZEOF_SCHED_ATTR = 48;
    /** {@code SCHED_RESET_ON_FORK}, or-ed into what {@code sched_getscheduler} returns. */
    public static final int SCHED_RESET_ON_FORK = 0x40000000;
    /** {@code PRIO_PROCESS}: with a thread id, {@code setpriority} acts on that thread alone. */
    public static final int PRIO_PROCESS = 0;
    /** {@code RLIMIT_MEMLOCK} (asm-generic). */
    public static final int RLIMIT_MEMLOCK = 8;
    /** {@code RLIMIT_NICE} (asm-generic). */
    public static final int RLIMIT_NICE = 13;
    /** {@code RLIMIT_RTPRIO} (asm-generic). */
    public static final int RLIMIT_RTPRIO = 14;
    /** {@code RLIM_INFINITY}, as a signed long. */
    public static final long RLIM_INFINITY = -1L;
    /** {@code MCL_CURRENT} (asm-generic). */
    public static final int MCL_CURRENT = 1;
    /** {@code MCL_FUTURE} (asm-generic). */
    public static final int MCL_FUTURE = 2;
    /** {@code PR_SET_TIMERSLACK}. */
    public static final int PR_SET_TIMERSLACK = 29;
    /** {@code PR_GET_TIMERSLACK}. */
    public static final int PR_GET_TIMERSLACK = 30;
    /** {@code CLOCK_MONOTONIC}. */
    public static final int CLOCK_MONOTONIC = 1;
    /** {@code TIMER_ABSTIME}. */
    public static final int TIMER_ABSTIME = 1;
    /** {@code sizeof(struct timespec)} on LP64. */
    public static final int SIZEOF_TIMESPEC = 16;
    /** {@code sizeof(struct rlimit)} on LP64. */
    public static final int SIZEOF_RLIMIT = 16;

    /** {@code SYS_sched_setattr} of this architecture, 0 where it is not known here. */
    public static final long SYS_SCHED_SETATTR = schedAttrCall(System.getProperty("os.arch", ""), true);
    /** {@code SYS_sched_getattr} of this architecture, 0 where it is not known here. */
    public static final long SYS_SCHED_GETATTR = schedAttrCall(System.getProperty("os.arch", ""), false);

    private static final Throwable LOAD_FAILURE = register();

    private LibC() {
    }

    private static Throwable register() {
        try {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (LinkageError | RuntimeException e) {
            return e;
        }
    }

    /**
     * The system call numbers of {@code sched_setattr} and {@code sched_getattr}, which glibc before 2.41 does not
     * wrap: from each architecture's {@code unistd.h}.
     *
     * @param arch the {@code os.arch} of the JVM
     * @param set true for {@code sched_setattr}, false for {@code sched_getattr}
     * @return the number, 0 for an architecture not listed
     */
    static long schedAttrCall(String arch, boolean set) {
        long setattr = switch (arch) {
            case "amd64", "x86_64" -> 314;
            case "aarch64", "riscv64", "loongarch64" -> 274;
            case "ppc64", "ppc64le" -> 355;
            case "s390x" -> 345;
            default -> 0;
        };
        return setattr == 0 ? 0 : set ? setattr : setattr + 1;
    }

    /**
     * Why these bindings cannot be used on this JVM, if they cannot.
     *
     * @return null when usable
     */
    public static String unsupportedReason() {
        if (LOAD_FAILURE != null) {
            return "JNA could not bind libc: " + LOAD_FAILURE;
        }
        if (Native.SIZE_T_SIZE != 8) {
            return "only 64-bit JVMs are supported (size_t is " + Native.SIZE_T_SIZE + " bytes here)";
        }
        return null;
    }

    /**
     * {@code int open(const char *path, int flags)}.
     *
     * @param path a NUL-terminated path in native memory
     * @param flags open flags
     * @return the descriptor
     * @throws LastErrorException with errno on failure
     */
    public static native int open(Pointer path, int flags) throws LastErrorException;

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int close(int fd) throws LastErrorException;

    /**
     * {@code int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf)}
     * (glibc 2.28, Linux 4.11). With an empty path and {@link #AT_EMPTY_PATH} it describes {@code dirfd} itself,
     * as {@code fstat} does; unlike {@code struct stat}, {@code struct statx} has one layout on every architecture,
     * and splits the device number into major and minor.
     *
     * @param dirfd the descriptor to describe
     * @param pathname an empty NUL-terminated string in native memory
     * @param flags {@link #AT_EMPTY_PATH}
     * @param mask such as {@link #STATX_TYPE}
     * @param statxbuf receives the {@code struct statx}, {@value #SIZEOF_STATX} bytes
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int statx(int dirfd, Pointer pathname, int flags, int mask, Pointer statxbuf)
            throws LastErrorException;

    /**
     * {@code ssize_t write(int fd, const void *buf, size_t count)}.
     *
     * @param fd the descriptor
     * @param buf the bytes to write
     * @param count bytes to write
     * @return bytes written
     * @throws LastErrorException with errno on failure
     */
    public static native long write(int fd, Pointer buf, long count) throws LastErrorException;

    /**
     * {@code ssize_t pread(int fd, void *buf, size_t count, off_t offset)}.
     *
     * @param fd the descriptor
     * @param buf receives the bytes
     * @param count bytes to read
     * @param offset the file position to read at
     * @return bytes read, 0 at end of file
     * @throws LastErrorException with errno on failure
     */
    public static native long pread(int fd, Pointer buf, long count, long offset) throws LastErrorException;

    /**
     * {@code int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param policy such as {@link #SCHED_FIFO}
     * @param param a {@code struct sched_param}: one {@code int sched_priority}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int sched_setscheduler(int pid, int policy, Pointer param) throws LastErrorException;

    /**
     * {@code long syscall(long number, ...)} with four integer or pointer arguments, for the calls glibc does not
     * wrap; the kernel ignores the arguments a call does not take. Calling the variadic {@code syscall} with a
     * fixed signature is safe on the LP64 ABIs listed in {@link #schedAttrCall}: its arguments are all integers.
     *
     * @param number such as {@link #SYS_SCHED_SETATTR}
     * @param arg1 the first argument (a pid)
     * @param arg2 the second (a struct)
     * @param arg3 the third
     * @param arg4 the fourth
     * @return the call's result
     * @throws LastErrorException with errno on failure
     */
    public static native long syscall(long number, long arg1, Pointer arg2, long arg3, long arg4)
            throws LastErrorException;

    /**
     * {@code int sched_yield(void)}: never fails on Linux.
     *
     * @return 0
     */
    public static native int sched_yield();

    /**
     * {@code int sched_getscheduler(pid_t pid)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @return the policy, possibly or-ed with {@link #SCHED_RESET_ON_FORK}
     * @throws LastErrorException with errno on failure
     */
    public static native int sched_getscheduler(int pid) throws LastErrorException;

    /**
     * {@code int sched_getparam(pid_t pid, struct sched_param *param)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param param receives the {@code int sched_priority}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int sched_getparam(int pid, Pointer param) throws LastErrorException;

    /**
     * {@code int setpriority(int which, id_t who, int prio)}.
     *
     * @param which {@link #PRIO_PROCESS}
     * @param who the thread id, 0 for the calling thread
     * @param prio the nice value
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int setpriority(int which, int who, int prio) throws LastErrorException;

    /**
     * {@code int getpriority(int which, id_t who)}: JNA clears errno before the call, so -1 with errno 0 is
     * nice -1.
     *
     * @param which {@link #PRIO_PROCESS}
     * @param who the thread id, 0 for the calling thread
     * @return the nice value
     * @throws LastErrorException with errno on failure
     */
    public static native int getpriority(int which, int who) throws LastErrorException;

    /**
     * {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param cpusetsize the mask's size in bytes
     * @param mask a {@code cpu_set_t} of that size
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int sched_setaffinity(int pid, long cpusetsize, Pointer mask) throws LastErrorException;

    /**
     * {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param cpusetsize the mask's size in bytes, at least the kernel's CPU count in bits (else EINVAL)
     * @param mask receives the {@code cpu_set_t}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int sched_getaffinity(int pid, long cpusetsize, Pointer mask) throws LastErrorException;

    /**
     * {@code int sched_getcpu(void)}.
     *
     * @return the CPU the calling thread runs on
     * @throws LastErrorException with errno on failure
     */
    public static native int sched_getcpu() throws LastErrorException;

    /**
     * {@code int mlockall(int flags)}.
     *
     * @param flags {@link #MCL_CURRENT} and {@link #MCL_FUTURE}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int mlockall(int flags) throws LastErrorException;

    /**
     * {@code int munlockall(void)}.
     *
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int munlockall() throws LastErrorException;

    /**
     * {@code int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)}.
     *
     * @param option such as {@link #PR_SET_TIMERSLACK}
     * @param arg2 the option's first argument
     * @param arg3 0 unless the option needs it
     * @param arg4 0 unless the option needs it
     * @param arg5 0 unless the option needs it
     * @return the option's result
     * @throws LastErrorException with errno on failure
     */
    public static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /**
     * {@code int getrlimit(int resource, struct rlimit *rlim)}.
     *
     * @param resource such as {@link #RLIMIT_RTPRIO}
     * @param rlim receives {@code rlim_cur} and {@code rlim_max}, 8 bytes each
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int getrlimit(int resource, Pointer rlim) throws LastErrorException;

    /**
     * {@code int setrlimit(int resource, const struct rlimit *rlim)}.
     *
     * @param resource such as {@link #RLIMIT_RTPRIO}
     * @param rlim {@code rlim_cur} and {@code rlim_max}, 8 bytes each
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int setrlimit(int resource, Pointer rlim) throws LastErrorException;

    /**
     * {@code int clock_nanosleep(clockid_t clockid, int flags, const struct timespec *request,
     * struct timespec *remain)}: returns the error number itself and leaves errno alone.
     *
     * @param clockid {@link #CLOCK_MONOTONIC}
     * @param flags {@link #TIMER_ABSTIME}
     * @param request the wake-up time
     * @param remain null with {@link #TIMER_ABSTIME}
     * @return 0, or an error number such as {@link Errno#EINTR}
     */
    public static native int clock_nanosleep(int clockid, int flags, Pointer request, Pointer remain);

    /**
     * {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}.
     *
     * @param clockid {@link #CLOCK_MONOTONIC}
     * @param tp receives the time
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int clock_gettime(int clockid, Pointer tp) throws LastErrorException;
}
