package io.github.lllqos.linux.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls of {@link NativeLibc}, direct-mapped through JNA: the JDK 17 to 21 layer. Registering them
 * unpacks JNA's native library into {@code jna.tmpdir}; {@link JnaLibc#unsupportedReason()} says when that fails.
 */
final class LibC {

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
     * Why JNA could not bind libc, if it could not.
     *
     * @return null when bound
     */
    static Throwable loadFailure() {
        return LOAD_FAILURE;
    }

    /**
     * {@code int open(const char *path, int flags)}.
     *
     * @param path a NUL-terminated path in native memory
     * @param flags open flags
     * @return the descriptor
     * @throws LastErrorException with errno on failure
     */
    static native int open(Pointer path, int flags) throws LastErrorException;

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int close(int fd) throws LastErrorException;

    /**
     * {@code int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf)}
     * (glibc 2.28, Linux 4.11). With an empty path and {@link NativeLibc#AT_EMPTY_PATH} it describes {@code dirfd} itself,
     * as {@code fstat} does; with {@link NativeLibc#AT_FDCWD} and a path, the file the path names, as {@code stat}
     * does. Unlike {@code struct stat}, {@code struct statx} has one layout on every architecture, and splits the
     * device number into major and minor.
     *
     * @param dirfd the descriptor to describe, or {@link NativeLibc#AT_FDCWD}
     * @param pathname a NUL-terminated string in native memory: empty, or the path to describe
     * @param flags {@link NativeLibc#AT_EMPTY_PATH} with an empty path, 0 with a path
     * @param mask such as {@link NativeLibc#STATX_TYPE}
     * @param statxbuf receives the {@code struct statx}, {@value #SIZEOF_STATX} bytes
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int statx(int dirfd, Pointer pathname, int flags, int mask, Pointer statxbuf)
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
    static native long write(int fd, Pointer buf, long count) throws LastErrorException;

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
    static native long pread(int fd, Pointer buf, long count, long offset) throws LastErrorException;

    /**
     * {@code int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param policy such as {@link NativeLibc#SCHED_FIFO}
     * @param param a {@code struct sched_param}: one {@code int sched_priority}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int sched_setscheduler(int pid, int policy, Pointer param) throws LastErrorException;

    /**
     * {@code long syscall(long number, ...)} with four integer or pointer arguments, for the calls glibc does not
     * wrap.
     *
     * @param number such as {@link NativeLibc#SYS_SCHED_SETATTR}
     * @param arg1 the first argument (a pid)
     * @param arg2 the second (a struct)
     * @param arg3 the third
     * @param arg4 the fourth
     * @return the call's result
     * @throws LastErrorException with errno on failure
     */
    static native long syscall(long number, long arg1, Pointer arg2, long arg3, long arg4) throws LastErrorException;

    /**
     * {@code int sched_yield(void)}: never fails on Linux.
     *
     * @return 0
     */
    static native int sched_yield();

    /**
     * {@code int sched_getscheduler(pid_t pid)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @return the policy, possibly or-ed with {@link NativeLibc#SCHED_RESET_ON_FORK}
     * @throws LastErrorException with errno on failure
     */
    static native int sched_getscheduler(int pid) throws LastErrorException;

    /**
     * {@code int sched_getparam(pid_t pid, struct sched_param *param)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param param receives the {@code int sched_priority}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int sched_getparam(int pid, Pointer param) throws LastErrorException;

    /**
     * {@code int setpriority(int which, id_t who, int prio)}.
     *
     * @param which {@link NativeLibc#PRIO_PROCESS}
     * @param who the thread id, 0 for the calling thread
     * @param prio the nice value
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int setpriority(int which, int who, int prio) throws LastErrorException;

    /**
     * {@code int getpriority(int which, id_t who)}: JNA clears errno before the call, so -1 with errno 0 is
     * nice -1.
     *
     * @param which {@link NativeLibc#PRIO_PROCESS}
     * @param who the thread id, 0 for the calling thread
     * @return the nice value
     * @throws LastErrorException with errno on failure
     */
    static native int getpriority(int which, int who) throws LastErrorException;

    /**
     * {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param cpusetsize the mask's size in bytes
     * @param mask a {@code cpu_set_t} of that size
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int sched_setaffinity(int pid, long cpusetsize, Pointer mask) throws LastErrorException;

    /**
     * {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)}.
     *
     * @param pid the thread id, 0 for the calling thread
     * @param cpusetsize the mask's size in bytes, at least the kernel's CPU count in bits (else EINVAL)
     * @param mask receives the {@code cpu_set_t}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int sched_getaffinity(int pid, long cpusetsize, Pointer mask) throws LastErrorException;

    /**
     * {@code int sched_getcpu(void)}.
     *
     * @return the CPU the calling thread runs on
     * @throws LastErrorException with errno on failure
     */
    static native int sched_getcpu() throws LastErrorException;

    /**
     * {@code int mlockall(int flags)}.
     *
     * @param flags {@link NativeLibc#MCL_CURRENT} and {@link NativeLibc#MCL_FUTURE}
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int mlockall(int flags) throws LastErrorException;

    /**
     * {@code int munlockall(void)}.
     *
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int munlockall() throws LastErrorException;

    /**
     * {@code int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)}.
     *
     * @param option such as {@link NativeLibc#PR_SET_TIMERSLACK}
     * @param arg2 the option's first argument
     * @param arg3 0 unless the option needs it
     * @param arg4 0 unless the option needs it
     * @param arg5 0 unless the option needs it
     * @return the option's result
     * @throws LastErrorException with errno on failure
     */
    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /**
     * {@code int getrlimit(int resource, struct rlimit *rlim)}.
     *
     * @param resource such as {@link NativeLibc#RLIMIT_RTPRIO}
     * @param rlim receives {@code rlim_cur} and {@code rlim_max}, 8 bytes each
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int getrlimit(int resource, Pointer rlim) throws LastErrorException;

    /**
     * {@code int setrlimit(int resource, const struct rlimit *rlim)}.
     *
     * @param resource such as {@link NativeLibc#RLIMIT_RTPRIO}
     * @param rlim {@code rlim_cur} and {@code rlim_max}, 8 bytes each
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int setrlimit(int resource, Pointer rlim) throws LastErrorException;

    /**
     * {@code int clock_nanosleep(clockid_t clockid, int flags, const struct timespec *request,
     * struct timespec *remain)}: returns the error number itself and leaves errno alone.
     *
     * @param clockid {@link NativeLibc#CLOCK_MONOTONIC}
     * @param flags {@link NativeLibc#TIMER_ABSTIME}
     * @param request the wake-up time
     * @param remain null with {@link NativeLibc#TIMER_ABSTIME}
     * @return 0, or an error number such as {@link Errno#EINTR}
     */
    static native int clock_nanosleep(int clockid, int flags, Pointer request, Pointer remain);

    /**
     * {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}.
     *
     * @param clockid {@link NativeLibc#CLOCK_MONOTONIC}
     * @param tp receives the time
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int clock_gettime(int clockid, Pointer tp) throws LastErrorException;

    /**
     * {@code int getrusage(int who, struct rusage *usage)}.
     *
     * @param who {@link NativeLibc#RUSAGE_THREAD}
     * @param usage receives the usage
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    static native int getrusage(int who, Pointer usage) throws LastErrorException;
}
