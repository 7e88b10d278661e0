package io.github.lllqos.linux.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * {@link NativeLibc} through {@code java.lang.foreign}: the layer of JDK 22 and later, which needs no native
 * library of its own. Each function is a downcall handle bound once, in constants the JIT inlines; calls that set
 * {@code errno} capture it into a block allocated once per thread, so a call allocates nothing. Binding C functions
 * is what the restricted methods of {@link Linker} are for; users grant it with {@code --enable-native-access}
 * (docs/native-access.md).
 */
@SuppressWarnings("restricted")
final class ForeignLibc implements NativeLibc {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    static {
        if (ADDRESS.byteSize() != Long.BYTES) {
            throw new UnsupportedOperationException("only 64-bit JVMs are supported (pointers are "
                    + ADDRESS.byteSize() + " bytes here)");
        }
    }

    private static final MethodHandle OPEN = settingErrno("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = settingErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = settingErrno("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle PREAD = settingErrno("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle STATX = settingErrno("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SCHED_SETSCHEDULER = settingErrno("sched_setscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    /** {@code long syscall(long number, ...)} is variadic: the four arguments after the number are its varargs. */
    private static final MethodHandle SYSCALL = settingErrno("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SCHED_YIELD = LINKER.downcallHandle(symbol("sched_yield"),
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SCHED_GETSCHEDULER = settingErrno("sched_getscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SCHED_GETPARAM = settingErrno("sched_getparam",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETPRIORITY = settingErrno("setpriority",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle GETPRIORITY = settingErrno("getpriority",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SCHED_SETAFFINITY = settingErrno("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle SCHED_GETAFFINITY = settingErrno("sched_getaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle SCHED_GETCPU = settingErrno("sched_getcpu", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle MLOCKALL = settingErrno("mlockall", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle MUNLOCKALL = settingErrno("munlockall", FunctionDescriptor.of(JAVA_INT));
    /** {@code int prctl(int option, ...)} is variadic in glibc: the four {@code unsigned long}s are its varargs. */
    private static final MethodHandle PRCTL = settingErrno("prctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle GETRLIMIT = settingErrno("getrlimit",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETRLIMIT = settingErrno("setrlimit",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CLOCK_GETTIME = settingErrno("clock_gettime",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle GETRUSAGE = settingErrno("getrusage",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CLOCK_NANOSLEEP = LINKER.downcallHandle(symbol("clock_nanosleep"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int *__errno_location(void)}, the address of this thread's {@code errno} (glibc and musl). */
    private static final MethodHandle ERRNO_LOCATION = LINKER.downcallHandle(symbol("__errno_location"),
            FunctionDescriptor.of(ADDRESS.withTargetLayout(JAVA_INT)));
    /** {@code pid_t gettid(void)}: glibc added it only in 2.30, so it may be missing. */
    private static final MethodHandle GETTID = LIBC.find("gettid")
            .map(address -> LINKER.downcallHandle(address, FunctionDescriptor.of(JAVA_INT))).orElse(null);

    private final ThreadLocal<MemorySegment> callState =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));
    private final ThreadLocal<NativeMemory> threadInt = ThreadLocal.withInitial(() -> allocate(Integer.BYTES));

    ForeignLibc() {
    }

    private static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name));
    }

    private static MethodHandle settingErrno(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol(name), descriptor, all);
    }

    private static MemorySegment segment(NativeMemory memory) {
        return ((ForeignMemory) memory).segment;
    }

    /** Throws the captured errno when a call returned -1. */
    private static int checked(int result, MemorySegment state) throws ErrnoException {
        if (result == -1) {
            throw new ErrnoException(state.get(JAVA_INT, ERRNO_OFFSET));
        }
        return result;
    }

    private static long checked(long result, MemorySegment state) throws ErrnoException {
        if (result == -1) {
            throw new ErrnoException(state.get(JAVA_INT, ERRNO_OFFSET));
        }
        return result;
    }

    private static RuntimeException unexpected(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }

    @Override
    public NativeMemory allocate(long bytes) {
        return ForeignMemory.allocate(bytes);
    }

    @Override
    public NativeMemory cString(String text) {
        return new ForeignMemory(Arena.ofAuto().allocateFrom(text));
    }

    @Override
    public NativeMemory threadInt() {
        return threadInt.get();
    }

    @Override
    public int open(NativeMemory path, int flags) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) OPEN.invokeExact(state, segment(path), flags), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int close(int fd) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) CLOSE.invokeExact(state, fd), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public long write(int fd, NativeMemory buf, long count) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((long) WRITE.invokeExact(state, fd, segment(buf), count), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public long pread(int fd, NativeMemory buf, long count, long offset) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((long) PREAD.invokeExact(state, fd, segment(buf), count, offset), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int statx(int dirfd, NativeMemory pathname, int flags, int mask, NativeMemory statxbuf)
            throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) STATX.invokeExact(state, dirfd, segment(pathname), flags, mask, segment(statxbuf)),
                    state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int sched_setscheduler(int pid, int policy, NativeMemory param) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SCHED_SETSCHEDULER.invokeExact(state, pid, policy, segment(param)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public long syscall(long number, long arg1, NativeMemory arg2, long arg3, long arg4) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((long) SYSCALL.invokeExact(state, number, arg1, segment(arg2), arg3, arg4), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int sched_yield() {
        try {
            return (int) SCHED_YIELD.invokeExact();
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int sched_getscheduler(int pid) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SCHED_GETSCHEDULER.invokeExact(state, pid), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int sched_getparam(int pid, NativeMemory param) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SCHED_GETPARAM.invokeExact(state, pid, segment(param)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int setpriority(int which, int who, int prio) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SETPRIORITY.invokeExact(state, which, who, prio), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** Clears {@code errno} first: -1 is also nice -1, an error only when the call set {@code errno}. */
    @Override
    public int getpriority(int which, int who) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            ((MemorySegment) ERRNO_LOCATION.invokeExact()).set(JAVA_INT, 0, 0);
            int nice = (int) GETPRIORITY.invokeExact(state, which, who);
            int errno = state.get(JAVA_INT, ERRNO_OFFSET);
            if (nice == -1 && errno != 0) {
                throw new ErrnoException(errno);
            }
            return nice;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int sched_setaffinity(int pid, long cpusetsize, NativeMemory mask) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SCHED_SETAFFINITY.invokeExact(state, pid, cpusetsize, segment(mask)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int sched_getaffinity(int pid, long cpusetsize, NativeMemory mask) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SCHED_GETAFFINITY.invokeExact(state, pid, cpusetsize, segment(mask)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int sched_getcpu() throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SCHED_GETCPU.invokeExact(state), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int mlockall(int flags) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) MLOCKALL.invokeExact(state, flags), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int munlockall() throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) MUNLOCKALL.invokeExact(state), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) PRCTL.invokeExact(state, option, arg2, arg3, arg4, arg5), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int getrlimit(int resource, NativeMemory rlim) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) GETRLIMIT.invokeExact(state, resource, segment(rlim)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int setrlimit(int resource, NativeMemory rlim) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) SETRLIMIT.invokeExact(state, resource, segment(rlim)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int clock_nanosleep(int clockid, int flags, NativeMemory request) {
        try {
            return (int) CLOCK_NANOSLEEP.invokeExact(clockid, flags, segment(request), MemorySegment.NULL);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int clock_gettime(int clockid, NativeMemory tp) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) CLOCK_GETTIME.invokeExact(state, clockid, segment(tp)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public int getrusage(int who, NativeMemory usage) throws ErrnoException {
        MemorySegment state = callState.get();
        try {
            return checked((int) GETRUSAGE.invokeExact(state, who, segment(usage)), state);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    @Override
    public boolean hasGettid() {
        return GETTID != null;
    }

    @Override
    public int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }
}
