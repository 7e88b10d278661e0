package io.github.lllqos.linux.internal;

/**
 * The libc calls of the Linux provider, whichever native layer carries them: {@code java.lang.foreign} on JDK 22
 * and later ({@code ForeignLibc}), JNA before ({@link JnaLibc}); {@link NativeLayer} chooses. C names for C
 * things, C signatures, sizes of an LP64 ABI. Pointers are {@link NativeMemory} blocks from {@link #allocate} or
 * {@link #cString}, made by the same layer; a call allocates nothing. A failed call throws {@link ErrnoException}
 * with the {@code errno} it left.
 */
public interface NativeLibc {

    /** {@code O_RDONLY}. */
    int O_RDONLY = 0;
    /** {@code O_RDWR}. */
    int O_RDWR = 2;
    /** {@code O_CLOEXEC} (asm-generic value, used by x86, arm, arm64, riscv, powerpc, s390). */
    int O_CLOEXEC = 0x80000;
    /** {@code O_NOCTTY} (asm-generic): opening a terminal does not make it the controlling one. */
    int O_NOCTTY = 0x100;
    /** {@code O_NONBLOCK} (asm-generic): opening a FIFO or a serial line does not wait. */
    int O_NONBLOCK = 0x800;

    /** {@code SCHED_OTHER}. */
    int SCHED_OTHER = 0;
    /** {@code SCHED_FIFO}. */
    int SCHED_FIFO = 1;
    /** {@code SCHED_RR}. */
    int SCHED_RR = 2;
    /** {@code SCHED_BATCH}. */
    int SCHED_BATCH = 3;
    /** {@code SCHED_IDLE}. */
    int SCHED_IDLE = 5;
    /** {@code SCHED_DEADLINE}. */
    int SCHED_DEADLINE = 6;
    /** {@code SCHED_FLAG_RESET_ON_FORK}, a {@code sched_attr.sched_flags} bit: children get SCHED_OTHER. */
    long SCHED_FLAG_RESET_ON_FORK = 0x01;
    /** {@code SCHED_ATTR_SIZE_VER0}: {@code sizeof(struct sched_attr)} without the utilization clamps. */
    int SIZEOF_SCHED_ATTR = 48;
    /** {@code SYS_sched_setattr} of this architecture, 0 where it is not known here. */
    long SYS_SCHED_SETATTR = schedAttrCall(System.getProperty("os.arch", ""), true);
    /** {@code SYS_sched_getattr} of this architecture, 0 where it is not known here. */
    long SYS_SCHED_GETATTR = schedAttrCall(System.getProperty("os.arch", ""), false);
    /** {@code SCHED_RESET_ON_FORK}, or-ed into what {@code sched_getscheduler} returns. */
    int SCHED_RESET_ON_FORK = 0x40000000;
    /** {@code PRIO_PROCESS}: with a thread id, {@code setpriority} acts on that thread alone. */
    int PRIO_PROCESS = 0;
    /** {@code RLIMIT_MEMLOCK} (asm-generic). */
    int RLIMIT_MEMLOCK = 8;
    /** {@code RLIMIT_NICE} (asm-generic). */
    int RLIMIT_NICE = 13;
    /** {@code RLIMIT_RTPRIO} (asm-generic). */
    int RLIMIT_RTPRIO = 14;
    /** {@code RLIM_INFINITY}, as a signed long. */
    long RLIM_INFINITY = -1L;
    /** {@code MCL_CURRENT} (asm-generic). */
    int MCL_CURRENT = 1;
    /** {@code MCL_FUTURE} (asm-generic). */
    int MCL_FUTURE = 2;
    /** {@code PR_SET_TIMERSLACK}. */
    int PR_SET_TIMERSLACK = 29;
    /** {@code PR_GET_TIMERSLACK}. */
    int PR_GET_TIMERSLACK = 30;
    /** {@code CLOCK_MONOTONIC}. */
    int CLOCK_MONOTONIC = 1;
    /** {@code TIMER_ABSTIME}. */
    int TIMER_ABSTIME = 1;
    /** {@code sizeof(struct timespec)} on LP64. */
    int SIZEOF_TIMESPEC = 16;
    /** {@code sizeof(struct rlimit)} on LP64. */
    int SIZEOF_RLIMIT = 16;
    /** {@code RUSAGE_THREAD}: {@code getrusage} reports the calling thread alone. */
    int RUSAGE_THREAD = 1;
    /** {@code sizeof(struct rusage)} on LP64: two {@code struct timeval}s and fourteen {@code long}s. */
    int SIZEOF_RUSAGE = 144;
    /** Offset of {@code long ru_nvcsw}, the voluntary context switches, in {@code struct rusage} on LP64. */
    int RUSAGE_NVCSW_OFFSET = 128;

    /** {@code AT_FDCWD}: as {@code statx}'s descriptor, a relative path is taken from the working directory. */
    int AT_FDCWD = -100;
    /** {@code AT_EMPTY_PATH}: with an empty path, {@code statx} describes the descriptor itself, as fstat does. */
    int AT_EMPTY_PATH = 0x1000;
    /** {@code STATX_TYPE}: ask for the file type in {@code stx_mode}. */
    int STATX_TYPE = 0x1;
    /** {@code sizeof(struct statx)}: the same on every architecture. */
    int SIZEOF_STATX = 256;
    /** Offset of {@code __u16 stx_mode} in {@code struct statx}. */
    int STATX_MODE_OFFSET = 28;
    /** Offset of {@code __u32 stx_rdev_major} in {@code struct statx}. */
    int STATX_RDEV_MAJOR_OFFSET = 128;
    /** Offset of {@code __u32 stx_rdev_minor} in {@code struct statx}. */
    int STATX_RDEV_MINOR_OFFSET = 132;
    /** {@code S_IFMT}: the file type bits of a mode. */
    int S_IFMT = 0170000;
    /** {@code S_IFCHR}: a character device. */
    int S_IFCHR = 0020000;
    /** {@code S_IFBLK}: a block device. */
    int S_IFBLK = 0060000;
    /** {@code S_IFREG}: a regular file. */
    int S_IFREG = 0100000;
    /** {@code S_IFDIR}: a directory. */
    int S_IFDIR = 0040000;
    /** {@code S_IFIFO}: a FIFO. */
    int S_IFIFO = 0010000;
    /** {@code S_IFSOCK}: a socket. */
    int S_IFSOCK = 0140000;

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
     * {@code long syscall(long number, ...)} with four integer or pointer arguments, for the calls glibc does not
     * wrap; the kernel ignores the arguments a call does not take.
     *
     * @param number such as {@link #SYS_SCHED_SETATTR}
     * @param arg1 the first argument (a pid)
     * @param arg2 the second (a struct)
     * @param arg3 the third
     * @param arg4 the fourth
     * @return the call's result
     * @throws ErrnoException on failure
     */
    long syscall(long number, long arg1, NativeMemory arg2, long arg3, long arg4) throws ErrnoException;

    /**
     * {@code int sched_yield(void)}: never fails on Linux.
     *
     * @return 0
     */
    int sched_yield();

    /**
     * Zeroed native memory that lives as long as the returned object is reachable.
     *
     * @param bytes its size
     * @return the block
     */
    NativeMemory allocate(long bytes);

    /**
     * A NUL-terminated UTF-8 copy of a string in native memory, for paths used again and again.
     *
     * @param text the string
     * @return the block, which lives as long as the returned object is reachable
     */
    NativeMemory cString(String text);

    /**
     * This thread's 4-byte block, allocated on the thread's first call, for one call at a time.
     *
     * @return native memory holding one {@code int}
     */
    NativeMemory threadInt();

    /**
     * {@code int open(const char *path, int flags)}.
     *
     * @param path from {@link #cString}
     * @param flags open flags
     * @return the descriptor
     * @throws ErrnoException on failure
     */
    int open(NativeMemory path, int flags) throws ErrnoException;

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0
     * @throws ErrnoException on failure (Linux has released the descriptor even then)
     */
    int close(int fd) throws ErrnoException;

    /**
     * {@code ssize_t write(int fd, const void *buf, size_t count)}.
     *
     * @param fd the descriptor
     * @param buf the bytes to write
     * @param count bytes to write
     * @return bytes written
     * @throws ErrnoException on failure
     */
    long write(int fd, NativeMemory buf, long count) throws ErrnoException;

    /**
     * {@code ssize_t pread(int fd, void *buf, size_t count, off_t offset)}.
     *
     * @param fd the descriptor
     * @param buf receives the bytes
     * @param count bytes to read
     * @param offset the file position to read at
     * @return bytes read, 0 at end of file
     * @throws ErrnoException on failure
     */
    long pread(int fd, NativeMemory buf, long count, long offset) throws ErrnoException;

    /**
     * {@code int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf)}
     * (glibc 2.28, Linux 4.11). With an empty path and {@link #AT_EMPTY_PATH} it describes {@code dirfd} itself,
     * as {@code fstat} does; with {@link #AT_FDCWD}, a path and flags 0 it describes the file the path names,
     * following symbolic links, as {@code stat} does, without opening it. Unlike {@code struct stat},
     * {@code struct statx} has one layout on every architecture, and splits the device number into major and minor.
     *
     * @param dirfd the descriptor to describe, or {@link #AT_FDCWD}
     * @param pathname a C string from {@link #cString}: empty, or the path to describe
     * @param flags {@link #AT_EMPTY_PATH} with an empty path, 0 with a path
     * @param mask such as {@link #STATX_TYPE}
     * @param statxbuf receives the {@code struct statx}, {@value #SIZEOF_STATX} bytes
     * @return 0
     * @throws ErrnoException on failure
     */
    int statx(int dirfd, NativeMemory pathname, int flags, int mask, NativeMemory statxbuf) throws ErrnoException;

    /**
     * {@code int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param policy such as {@link #SCHED_FIFO}
     * @param param a {@code struct sched_param}: one {@code int sched_priority}
     * @return 0
     * @throws ErrnoException on failure
     */
    int sched_setscheduler(int pid, int policy, NativeMemory param) throws ErrnoException;

    /**
     * {@code int sched_getscheduler(pid_t pid)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @return the policy, possibly or-ed with {@link #SCHED_RESET_ON_FORK}
     * @throws ErrnoException on failure
     */
    int sched_getscheduler(int pid) throws ErrnoException;

    /**
     * {@code int sched_getparam(pid_t pid, struct sched_param *param)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param param receives the {@code int sched_priority}
     * @return 0
     * @throws ErrnoException on failure
     */
    int sched_getparam(int pid, NativeMemory param) throws ErrnoException;

    /**
     * {@code int setpriority(int which, id_t who, int prio)}.
     *
     * @param which {@link #PRIO_PROCESS}
     * @param who the thread id, 0 for the calling thread
     * @param prio the nice value
     * @return 0
     * @throws ErrnoException on failure
     */
    int setpriority(int which, int who, int prio) throws ErrnoException;

    /**
     * {@code int getpriority(int which, id_t who)}, with {@code errno} cleared before the call, so -1 is nice -1
     * unless the call set {@code errno}.
     *
     * @param which {@link #PRIO_PROCESS}
     * @param who the thread id, 0 for the calling thread
     * @return the nice value
     * @throws ErrnoException on failure
     */
    int getpriority(int which, int who) throws ErrnoException;

    /**
     * {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param cpusetsize the mask's size in bytes
     * @param mask a {@code cpu_set_t} of that size
     * @return 0
     * @throws ErrnoException on failure
     */
    int sched_setaffinity(int pid, long cpusetsize, NativeMemory mask) throws ErrnoException;

    /**
     * {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param cpusetsize the mask's size in bytes, at least the kernel's CPU count in bits (else EINVAL)
     * @param mask receives the {@code cpu_set_t}
     * @return 0
     * @throws ErrnoException on failure
     */
    int sched_getaffinity(int pid, long cpusetsize, NativeMemory mask) throws ErrnoException;

    /**
     * {@code int sched_getcpu(void)}.
     *
     * @return the CPU the calling thread runs on
     * @throws ErrnoException on failure
     */
    int sched_getcpu() throws ErrnoException;

    /**
     * {@code int mlockall(int flags)}.
     *
     * @param flags {@link #MCL_CURRENT} and {@link #MCL_FUTURE}
     * @return 0
     * @throws ErrnoException on failure
     */
    int mlockall(int flags) throws ErrnoException;

    /**
     * {@code int munlockall(void)}.
     *
     * @return 0
     * @throws ErrnoException on failure
     */
    int munlockall() throws ErrnoException;

    /**
     * {@code int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)}.
     *
     * @param option such as {@link #PR_SET_TIMERSLACK}
     * @param arg2 the option's first argument
     * @param arg3 0 unless the option needs it
     * @param arg4 0 unless the option needs it
     * @param arg5 0 unless the option needs it
     * @return the option's result
     * @throws ErrnoException on failure
     */
    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws ErrnoException;

    /**
     * {@code int getrlimit(int resource, struct rlimit *rlim)}.
     *
     * @param resource such as {@link #RLIMIT_RTPRIO}
     * @param rlim receives {@code rlim_cur} and {@code rlim_max}, 8 bytes each
     * @return 0
     * @throws ErrnoException on failure
     */
    int getrlimit(int resource, NativeMemory rlim) throws ErrnoException;

    /**
     * {@code int setrlimit(int resource, const struct rlimit *rlim)}.
     *
     * @param resource such as {@link #RLIMIT_RTPRIO}
     * @param rlim {@code rlim_cur} and {@code rlim_max}, 8 bytes each
     * @return 0
     * @throws ErrnoException on failure
     */
    int setrlimit(int resource, NativeMemory rlim) throws ErrnoException;

    /**
     * {@code int clock_nanosleep(clockid_t clockid, int flags, const struct timespec *request, NULL)}: returns the
     * error number itself and leaves {@code errno} alone.
     *
     * @param clockid {@link #CLOCK_MONOTONIC}
     * @param flags {@link #TIMER_ABSTIME}
     * @param request the wake-up time
     * @return 0, or an error number such as EINTR ({@link io.github.lllqos.Errno#EINTR})
     */
    int clock_nanosleep(int clockid, int flags, NativeMemory request);

    /**
     * {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}.
     *
     * @param clockid {@link #CLOCK_MONOTONIC}
     * @param tp receives the time
     * @return 0
     * @throws ErrnoException on failure
     */
    int clock_gettime(int clockid, NativeMemory tp) throws ErrnoException;

    /**
     * {@code int getrusage(int who, struct rusage *usage)}.
     *
     * @param who {@link #RUSAGE_THREAD}
     * @param usage receives the usage, {@link #SIZEOF_RUSAGE} bytes
     * @return 0
     * @throws ErrnoException on failure
     */
    int getrusage(int who, NativeMemory usage) throws ErrnoException;

    /**
     * Whether libc has {@code gettid}.
     *
     * @return false on glibc before 2.30 (RHEL 8 has 2.28)
     */
    boolean hasGettid();

    /**
     * {@code pid_t gettid(void)}; call only when {@link #hasGettid()}.
     *
     * @return the calling thread's id
     */
    int gettid();
}
