package io.github.lllqos.linux;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.linux.internal.ErrnoException;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import io.github.lllqos.spi.AbsoluteSleeper;
import io.github.lllqos.spi.RealtimeBackend;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Real-time scheduling through libc: sched_*, setpriority, mlockall, prctl and clock_nanosleep, on whichever
 * native layer carries {@link NativeLibc}.
 */
final class LinuxRealtime implements RealtimeBackend {

    /** The largest cpu_set_t tried when the kernel keeps saying EINVAL: 1,048,576 CPUs. */
    private static final long MAX_MASK_BYTES = 1L << 17;

    private final KernelFiles files;
    private final NativeLibc libc;
    private final RealtimeHints hints;
    private final MonotonicClock clock;
    private final ThreadLocal<NativeMemory> rusage;

    LinuxRealtime(KernelFiles files, NativeLibc libc) {
        this.files = files;
        this.libc = libc;
        this.hints = new RealtimeHints(files);
        this.clock = new MonotonicClock(libc);
        this.rusage = ThreadLocal.withInitial(() -> libc.allocate(NativeLibc.SIZEOF_RUSAGE));
    }

    @Override
    public long currentThreadId() {
        return libc.hasGettid() ? libc.gettid() : files.threadSelfId();
    }

    @Override
    public Set<Integer> onlineCpus() {
        return Collections.unmodifiableSet(files.onlineCpus());
    }

    @Override
    public Set<Integer> isolatedCpus() {
        return files.isolatedCpus();
    }

    @Override
    public int currentCpu() {
        try {
            return libc.sched_getcpu();
        } catch (ErrnoException e) {
            throw failure("sched_getcpu()", e, "");
        }
    }

    @Override
    public void setScheduler(long tid, SchedPolicy policy, int priority) {
        NativeMemory param = libc.threadInt();
        param.setInt(0, priority);
        try {
            libc.sched_setscheduler(pid(tid), policyNumber(policy), param);
        } catch (ErrnoException e) {
            String hint = "";
            if (e.errno() == Errno.EPERM.number()) {
                long[] rtprio = rlimit(NativeLibc.RLIMIT_RTPRIO);
                hint = hints.schedulerRefused(policy, priority, rtprio[0], rtprio[1]);
            }
            throw failure("sched_setscheduler(" + tid + ", " + policy.cName() + ", " + priority + ")", e, hint);
        }
    }

    @Override
    public void setDeadline(long tid, DeadlineParameters parameters) {
        String call = "sched_setattr(" + tid + ", {SCHED_DEADLINE, runtime " + parameters.runtimeNanos()
                + " ns, deadline " + parameters.deadlineNanos() + " ns, period " + parameters.periodNanos()
                + " ns}, 0)";
        if (NativeLibc.SYS_SCHED_SETATTR == 0) {
            throw new LowLatencyException(call + " failed: ENOSYS: its system call number on "
                    + System.getProperty("os.arch") + " is not known here", Errno.ENOSYS);
        }
        NativeMemory attr = libc.allocate(NativeLibc.SIZEOF_SCHED_ATTR);
        attr.clear();
        attr.setInt(0, NativeLibc.SIZEOF_SCHED_ATTR);
        attr.setInt(4, NativeLibc.SCHED_DEADLINE);
        attr.setLong(8, NativeLibc.SCHED_FLAG_RESET_ON_FORK);
        attr.setLong(24, parameters.runtimeNanos());
        attr.setLong(32, parameters.deadlineNanos());
        attr.setLong(40, parameters.periodNanos());
        try {
            libc.syscall(NativeLibc.SYS_SCHED_SETATTR, pid(tid), attr, 0, 0);
        } catch (ErrnoException e) {
            String hint = Errno.ofNumber(e.errno()).map(errno -> switch (errno) {
                case EBUSY -> hints.deadlineAdmissionRefused(parameters, admittedBandwidth(), onlineCpus().size());
                case EPERM -> hints.deadlineRefused(affinity(tid), onlineCpus());
                case EINVAL -> hints.deadlineInvalid(parameters);
                default -> "";
            }).orElse("");
            throw failure(call, e, hint);
        }
    }

    @Override
    public Optional<DeadlineParameters> deadlineParameters(long tid) {
        if (NativeLibc.SYS_SCHED_GETATTR == 0) {
            return Optional.empty();
        }
        NativeMemory attr = libc.allocate(NativeLibc.SIZEOF_SCHED_ATTR);
        attr.clear();
        try {
            libc.syscall(NativeLibc.SYS_SCHED_GETATTR, pid(tid), attr, NativeLibc.SIZEOF_SCHED_ATTR, 0);
        } catch (ErrnoException e) {
            throw failure("sched_getattr(" + tid + ")", e, "");
        }
        if (attr.getInt(4) != NativeLibc.SCHED_DEADLINE) {
            return Optional.empty();
        }
        return Optional.of(DeadlineParameters.ofNanos(attr.getLong(24), attr.getLong(32), attr.getLong(40)));
    }

    /** The summed runtime/period of every deadline thread on the host, for the EBUSY message. */
    private OptionalDouble admittedBandwidth() {
        double sum = 0;
        for (long tid : files.deadlineThreadIds()) {
            try {
                sum += deadlineParameters(tid).map(DeadlineParameters::bandwidth).orElse(0.0);
            } catch (LowLatencyException | IllegalArgumentException exitedOrOdd) {
                // counted as nothing
            }
        }
        return OptionalDouble.of(sum);
    }

    @Override
    public void yieldCpu() {
        libc.sched_yield();
    }

    @Override
    public long voluntarySwitches() {
        NativeMemory usage = rusage.get();
        try {
            libc.getrusage(NativeLibc.RUSAGE_THREAD, usage);
        } catch (ErrnoException e) {
            return -1;
        }
        return usage.getLong(NativeLibc.RUSAGE_NVCSW_OFFSET);
    }

    @Override
    public SchedPolicy policy(long tid) {
        int policy;
        try {
            policy = libc.sched_getscheduler(pid(tid)) & ~NativeLibc.SCHED_RESET_ON_FORK;
        } catch (ErrnoException e) {
            throw failure("sched_getscheduler(" + tid + ")", e, "");
        }
        switch (policy) {
            case NativeLibc.SCHED_OTHER:
                return SchedPolicy.OTHER;
            case NativeLibc.SCHED_FIFO:
                return SchedPolicy.FIFO;
            case NativeLibc.SCHED_RR:
                return SchedPolicy.RR;
            case NativeLibc.SCHED_BATCH:
                return SchedPolicy.BATCH;
            case NativeLibc.SCHED_IDLE:
                return SchedPolicy.IDLE;
            case NativeLibc.SCHED_DEADLINE:
                return SchedPolicy.DEADLINE;
            default:
                throw new LowLatencyException("sched_getscheduler(" + tid + ") returned policy " + policy
                        + ", which SchedPolicy does not name");
        }
    }

    @Override
    public int priority(long tid) {
        NativeMemory param = libc.threadInt();
        try {
            libc.sched_getparam(pid(tid), param);
        } catch (ErrnoException e) {
            throw failure("sched_getparam(" + tid + ")", e, "");
        }
        return param.getInt(0);
    }

    @Override
    public void setNice(long tid, int nice) {
        try {
            libc.setpriority(NativeLibc.PRIO_PROCESS, pid(tid), nice);
        } catch (ErrnoException e) {
            String hint = e.errno() == Errno.EACCES.number() || e.errno() == Errno.EPERM.number()
                    ? hints.niceRefused(nice, rlimit(NativeLibc.RLIMIT_NICE)[0]) : "";
            throw failure("setpriority(PRIO_PROCESS, " + tid + ", " + nice + ")", e, hint);
        }
    }

    @Override
    public int nice(long tid) {
        try {
            return libc.getpriority(NativeLibc.PRIO_PROCESS, pid(tid));
        } catch (ErrnoException e) {
            throw failure("getpriority(PRIO_PROCESS, " + tid + ")", e, "");
        }
    }

    @Override
    public boolean raiseRtprioLimit(int priority) {
        long[] limit = rlimit(NativeLibc.RLIMIT_RTPRIO);
        if (RealtimeHints.allows(limit[0], priority)) {
            return false;
        }
        if (!RealtimeHints.allows(limit[1], priority)) {
            throw new LowLatencyException("its hard limit " + RealtimeHints.limit(limit[1]) + " is below priority "
                    + priority);
        }
        NativeMemory rlim = libc.allocate(NativeLibc.SIZEOF_RLIMIT);
        rlim.setLong(0, priority);
        rlim.setLong(Long.BYTES, limit[1]);
        try {
            libc.setrlimit(NativeLibc.RLIMIT_RTPRIO, rlim);
        } catch (ErrnoException e) {
            throw failure("setrlimit(RLIMIT_RTPRIO, " + priority + ", " + RealtimeHints.limit(limit[1]) + ")", e, "");
        }
        return true;
    }

    @Override
    public void setAffinity(long tid, Set<Integer> cpus) {
        int highest = Collections.max(cpus);
        long size = CpuSet.allocSize(Math.max(files.possibleCpus(), highest + 1));
        NativeMemory mask = CpuSet.encode(cpus, libc.allocate(size));
        try {
            libc.sched_setaffinity(pid(tid), size, mask);
        } catch (ErrnoException e) {
            String list = new TreeSet<>(cpus).toString();
            String hint = e.errno() == Errno.EPERM.number() ? hints.affinityRefused(true, list)
                    : e.errno() == Errno.EINVAL.number() ? hints.affinityRefused(false, list)
                    : e.errno() == Errno.EBUSY.number() ? "the thread runs under SCHED_DEADLINE, which must stay"
                            + " allowed every CPU of its root domain" : "";
            throw failure("sched_setaffinity(" + tid + ", " + size + ", " + list + ")", e, hint);
        }
    }

    @Override
    public Set<Integer> affinity(long tid) {
        long size = CpuSet.allocSize(files.possibleCpus());
        while (true) {
            NativeMemory mask = libc.allocate(size);
            try {
                libc.sched_getaffinity(pid(tid), size, mask);
                return CpuSet.decode(mask);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINVAL.number() || size >= MAX_MASK_BYTES) {
                    throw failure("sched_getaffinity(" + tid + ", " + size + ")", e, "");
                }
                size *= 2;
            }
        }
    }

    @Override
    public void lockMemory() {
        try {
            libc.mlockall(NativeLibc.MCL_CURRENT | NativeLibc.MCL_FUTURE);
        } catch (ErrnoException e) {
            int errno = e.errno();
            String hint = errno == Errno.EPERM.number() || errno == Errno.ENOMEM.number() || errno == Errno.EAGAIN.number()
                    ? hints.memoryLockRefused(rlimit(NativeLibc.RLIMIT_MEMLOCK)[0]) : "";
            throw failure("mlockall(MCL_CURRENT | MCL_FUTURE)", e, hint);
        }
    }

    @Override
    public void unlockMemory() {
        try {
            libc.munlockall();
        } catch (ErrnoException e) {
            throw failure("munlockall()", e, "");
        }
    }

    @Override
    public long lockedMemoryBytes() {
        try {
            return files.lockedBytes();
        } catch (UncheckedIOException | NumberFormatException e) {
            throw new LowLatencyException("cannot read VmLck from /proc/self/status: " + e);
        }
    }

    @Override
    public void setTimerSlack(long nanos) {
        try {
            libc.prctl(NativeLibc.PR_SET_TIMERSLACK, nanos, 0, 0, 0);
        } catch (ErrnoException e) {
            throw failure("prctl(PR_SET_TIMERSLACK, " + nanos + ")", e, "");
        }
    }

    @Override
    public long timerSlack() {
        OptionalLong exact = files.readLong(files.path("proc/" + currentThreadId() + "/timerslack_ns"));
        if (exact.isPresent()) {
            return exact.getAsLong();
        }
        try {
            return Integer.toUnsignedLong(libc.prctl(NativeLibc.PR_GET_TIMERSLACK, 0, 0, 0, 0));
        } catch (ErrnoException e) {
            throw failure("prctl(PR_GET_TIMERSLACK)", e, "");
        }
    }

    @Override
    public AbsoluteSleeper newSleeper() {
        return new ClockSleeper(libc, clock.offsetFromNanoTime());
    }

    private long[] rlimit(int resource) {
        NativeMemory rlim = libc.allocate(NativeLibc.SIZEOF_RLIMIT);
        try {
            libc.getrlimit(resource, rlim);
        } catch (ErrnoException e) {
            throw failure("getrlimit(" + resource + ")", e, "");
        }
        return new long[] {rlim.getLong(0), rlim.getLong(Long.BYTES)};
    }

    private static int pid(long tid) {
        if (tid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("thread id " + tid + " does not fit pid_t: Linux thread ids are at"
                    + " most " + Integer.MAX_VALUE);
        }
        return (int) tid;
    }

    private static int policyNumber(SchedPolicy policy) {
        switch (policy) {
            case FIFO:
                return NativeLibc.SCHED_FIFO;
            case RR:
                return NativeLibc.SCHED_RR;
            case BATCH:
                return NativeLibc.SCHED_BATCH;
            case IDLE:
                return NativeLibc.SCHED_IDLE;
            case DEADLINE:
                return NativeLibc.SCHED_DEADLINE;
            default:
                return NativeLibc.SCHED_OTHER;
        }
    }

    private static LowLatencyException failure(String call, ErrnoException e, String hint) {
        String message = call + " failed: " + e.errnoName();
        if (e.errno() == Errno.ESRCH.number()) {
            hint = "no such thread (it may have exited)";
        }
        return new LowLatencyException(hint.isEmpty() ? message : message + ": " + hint, e.asErrno());
    }
}
