package io.github.lllqos.linux.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;

/**
 * {@link NativeLibc} through JNA's direct mapping ({@link LibC}, {@link Gettid}): the layer of JDK 17 to 21,
 * and of JDK 22 and later when chosen with {@code -Dlllqos.native=jna}. Only {@link NativeLayer} creates it, so
 * JNA is loaded only when this layer is chosen.
 */
final class JnaLibc implements NativeLibc {

    private final ThreadLocal<NativeMemory> threadInt = ThreadLocal.withInitial(() -> allocate(Integer.BYTES));

    /**
     * Why JNA cannot carry the calls on this JVM, if it cannot: with the fixes when its native library would not
     * load from its temporary directory (mounted {@code noexec}, or read-only).
     *
     * @return null when usable
     */
    static String unsupportedReason() {
        Throwable failure = LibC.loadFailure();
        if (failure instanceof UnsatisfiedLinkError) {
            String tmpdir = System.getProperty("jna.tmpdir");
            String where = tmpdir != null ? "-Djna.tmpdir=" + tmpdir
                    : "a jna-* directory under java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ")";
            String cause = String.valueOf(failure.getMessage()).contains("failed to map segment")
                    ? ", which is on a file system mounted noexec" : "";
            return "JNA could not load its native library (" + failure.getMessage() + "): JNA unpacks it into "
                    + where + cause + ". Fix: set -Djna.tmpdir= to a writable directory on a file system mounted"
                    + " exec, or run on JDK 22 or later, where lllqos calls libc through java.lang.foreign and"
                    + " needs no JNA";
        }
        if (failure != null) {
            return "JNA could not bind libc: " + failure;
        }
        if (Native.SIZE_T_SIZE != 8) {
            return "only 64-bit JVMs are supported (size_t is " + Native.SIZE_T_SIZE + " bytes here)";
        }
        return null;
    }

    @Override
    public NativeMemory allocate(long bytes) {
        return new JnaMemory(bytes);
    }

    @Override
    public NativeMemory cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JnaMemory memory = new JnaMemory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    @Override
    public NativeMemory threadInt() {
        return threadInt.get();
    }

    @Override
    public int open(NativeMemory path, int flags) throws ErrnoException {
        try {
            return LibC.open((Memory) path, flags);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int close(int fd) throws ErrnoException {
        try {
            return LibC.close(fd);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public long write(int fd, NativeMemory buf, long count) throws ErrnoException {
        try {
            return LibC.write(fd, (Memory) buf, count);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public long pread(int fd, NativeMemory buf, long count, long offset) throws ErrnoException {
        try {
            return LibC.pread(fd, (Memory) buf, count, offset);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int statx(int dirfd, NativeMemory pathname, int flags, int mask, NativeMemory statxbuf)
            throws ErrnoException {
        try {
            return LibC.statx(dirfd, (Memory) pathname, flags, mask, (Memory) statxbuf);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int sched_setscheduler(int pid, int policy, NativeMemory param) throws ErrnoException {
        try {
            return LibC.sched_setscheduler(pid, policy, (Memory) param);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public long syscall(long number, long arg1, NativeMemory arg2, long arg3, long arg4) throws ErrnoException {
        try {
            return LibC.syscall(number, arg1, (Memory) arg2, arg3, arg4);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int sched_yield() {
        return LibC.sched_yield();
    }

    @Override
    public int sched_getscheduler(int pid) throws ErrnoException {
        try {
            return LibC.sched_getscheduler(pid);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int sched_getparam(int pid, NativeMemory param) throws ErrnoException {
        try {
            return LibC.sched_getparam(pid, (Memory) param);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int setpriority(int which, int who, int prio) throws ErrnoException {
        try {
            return LibC.setpriority(which, who, prio);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    /** JNA clears {@code errno} before a call that declares {@link LastErrorException}. */
    @Override
    public int getpriority(int which, int who) throws ErrnoException {
        try {
            return LibC.getpriority(which, who);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int sched_setaffinity(int pid, long cpusetsize, NativeMemory mask) throws ErrnoException {
        try {
            return LibC.sched_setaffinity(pid, cpusetsize, (Memory) mask);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int sched_getaffinity(int pid, long cpusetsize, NativeMemory mask) throws ErrnoException {
        try {
            return LibC.sched_getaffinity(pid, cpusetsize, (Memory) mask);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int sched_getcpu() throws ErrnoException {
        try {
            return LibC.sched_getcpu();
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int mlockall(int flags) throws ErrnoException {
        try {
            return LibC.mlockall(flags);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int munlockall() throws ErrnoException {
        try {
            return LibC.munlockall();
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws ErrnoException {
        try {
            return LibC.prctl(option, arg2, arg3, arg4, arg5);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int getrlimit(int resource, NativeMemory rlim) throws ErrnoException {
        try {
            return LibC.getrlimit(resource, (Memory) rlim);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int setrlimit(int resource, NativeMemory rlim) throws ErrnoException {
        try {
            return LibC.setrlimit(resource, (Memory) rlim);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int clock_nanosleep(int clockid, int flags, NativeMemory request) {
        return LibC.clock_nanosleep(clockid, flags, (Memory) request, null);
    }

    @Override
    public int clock_gettime(int clockid, NativeMemory tp) throws ErrnoException {
        try {
            return LibC.clock_gettime(clockid, (Memory) tp);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public int getrusage(int who, NativeMemory usage) throws ErrnoException {
        try {
            return LibC.getrusage(who, (Memory) usage);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode());
        }
    }

    @Override
    public boolean hasGettid() {
        return Gettid.bound();
    }

    @Override
    public int gettid() {
        return Gettid.gettid();
    }
}
