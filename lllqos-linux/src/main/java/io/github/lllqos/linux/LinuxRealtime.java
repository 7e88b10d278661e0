package io.github.lllqos.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.Errno;
import io.github.lllqos.linux.internal.Gettid;
import io.github.lllqos.linux.internal.LibC;
import io.github.lllqos.linux.internal.Scratch;
import io.github.lllqos.spi.AbsoluteSleeper;
import io.github.lllqos.spi.RealtimeBackend;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** Real-time scheduling through libc: sched_*, setpriority, mlockall, prctl and clock_nanosleep. */
final class LinuxRealtime implements RealtimeBackend {

    /** The largest cpu_set_t tried when the kernel keeps saying EINVAL: 1,048,576 CPUs. */
    private static final long MAX_MASK_BYTES = 1L << 17;

    private final KernelFiles files;
    private final RealtimeHints hints;

    LinuxRealtime(KernelFiles files) {
        this.files = files;
        this.hints = new RealtimeHints(files);
    }

    @Override
    public long currentThreadId() {
        return Gettid.bound() ? Gettid.gettid() : files.threadSelfId();
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
            return LibC.sched_getcpu();
        } catch (LastErrorException e) {
            throw failure("sched_getcpu()", e, "");
        }
    }

    @Override
    public void setScheduler(long tid, SchedPolicy policy, int priority) {
        Pointer param = Scratch.threadInt();
        param.setInt(0, priority);
        try {
            LibC.sched_setscheduler(pid(tid), policyNumber(policy), param);
        } catch (LastErrorException e) {
            String hint = "";
            if (e.getErrorCode() == Errno.EPERM.number()) {
                long[] rtprio = rlimit(LibC.RLIMIT_RTPRIO);
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
        if (LibC.SYS_SCHED_SETATTR == 0) {
            throw new LowLatencyException(call + " failed: ENOSYS: its system call number on "
                    + System.getProperty("os.arch") + " is not known here", Errno.ENOSYS);
        }
        Memory attr = new Memory(LibC.SIZEOF_SCHED_ATTR);
        attr.clear();
        attr.setInt(0, LibC.SIZEOF_SCHED_ATTR);
        attr.setInt(4, LibC.SCHED_DEADLINE);
        attr.setLong(8, LibC.SCHED_FLAG_RESET_ON_FORK);
        attr.setLong(24, parameters.runtimeNanos());
        attr.setLong(32, parameters.deadlineNanos());
        attr.setLong(40, parameters.periodNanos());
        try {
            LibC.syscall(LibC.SYS_SCHED_SETATTR, pid(tid), attr, 0, 0);
        } catch (LastErrorException e) {
            String hint = Errno.ofNumber(e.getErrorCode()).map(errno -> switch (errno) {
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
        if (LibC.SYS_SCHED_GETATTR == 0) {
            return Optional.empty();
        }
        Memory attr = new Memory(LibC.SIZEOF_SCHED_ATTR);
        attr.clear();
        try {
            LibC.syscall(LibC.SYS_SCHED_GETATTR, pid(tid), attr, LibC.SIZEOF_SCHED_ATTR, 0);
        } catch (LastErrorException e) {
            throw failure("sched_getattr(" + tid + ")", e, "");
        }
        if (attr.getInt(4) != LibC.SCHED_DEADLINE) {
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
        LibC.sched_yield();
    }

    @Override
    public SchedPolicy policy(long tid) {
        int policy;
        try {
            policy = LibC.sched_getscheduler(pid(tid)) & ~LibC.SCHED_RESET_ON_FORK;
        } catch (LastErrorException e) {
            throw failure("sched_getscheduler(" + tid + ")", e, "");
        }
        switch (policy) {
            case LibC.SCHED_OTHER:
                return SchedPolicy.OTHER;
            case LibC.SCHED_FIFO:
                return SchedPolicy.FIFO;
            case LibC.SCHED_RR:
                return SchedPolicy.RR;
            case LibC.SCHED_BATCH:
                return SchedPolicy.BATCH;
            case LibC.SCHED_IDLE:
                return SchedPolicy.IDLE;
            case LibC.SCHED_DEADLINE:
                return SchedPolicy.DEADLINE;
            default:
                throw new LowLatencyException("sched_getscheduler(" + tid + ") returned policy " + policy
                        + ", which SchedPolicy does not name");
        }
    }

    @Override
    public int priority(long tid) {
        Pointer param = Scratch.threadInt();
        try {
            LibC.sched_getparam(pid(tid), param);
        } catch (LastErrorException e) {
            throw failure("sched_getparam(" + tid + ")", e, "");
        }
        return param.getInt(0);
    }

    @Override
    public void setNice(long tid, int nice) {
        try {
            LibC.setpriority(LibC.PRIO_PROCESS, pid(tid), nice);
        } catch (LastErrorException e) {
            String hint = e.getErrorCode() == Errno.EACCES.number() || e.getErrorCode() == Errno.EPERM.number()
                    ? hints.niceRefused(nice, rlimit(LibC.RLIMIT_NICE)[0]) : "";
            throw failure("setpriority(PRIO_PROCESS, " + tid + ", " + nice + ")", e, hint);
        }
    }

    @Override
    public int nice(long tid) {
        try {
            return LibC.getpriority(LibC.PRIO_PROCESS, pid(tid));
        } catch (LastErrorException e) {
            throw failure("getpriority(PRIO_PROCESS, " + tid + ")", e, "");
        }
    }

    @Override
    public boolean raiseRtprioLimit(int priority) {
        long[] limit = rlimit(LibC.RLIMIT_RTPRIO);
        if (RealtimeHints.allows(limit[0], priority)) {
            return false;
        }
        if (!RealtimeHints.allows(limit[1], priority)) {
            throw new LowLatencyException("its hard limit " + RealtimeHints.limit(limit[1]) + " is below priority "
                    + priority);
        }
        Memory rlim = new Memory(LibC.SIZEOF_RLIMIT);
        rlim.setLong(0, priority);
        rlim.setLong(Long.BYTES, limit[1]);
        try {
            LibC.setrlimit(LibC.RLIMIT_RTPRIO, rlim);
        } catch (LastErrorException e) {
            throw failure("setrlimit(RLIMIT_RTPRIO, " + priority + ", " + RealtimeHints.limit(limit[1]) + ")", e, "");
        }
        return true;
    }

    @Override
    public void setAffinity(long tid, Set<Integer> cpus) {
        int highest = Collections.max(cpus);
        long size = CpuSet.allocSize(Math.max(files.possibleCpus(), highest + 1));
        Memory mask = CpuSet.encode(cpus, size);
        try {
            LibC.sched_setaffinity(pid(tid), size, mask);
        } catch (LastErrorException e) {
            String list = new TreeSet<>(cpus).toString();
            String hint = e.getErrorCode() == Errno.EPERM.number() ? hints.affinityRefused(true, list)
                    : e.getErrorCode() == Errno.EINVAL.number() ? hints.affinityRefused(false, list)
                    : e.getErrorCode() == Errno.EBUSY.number() ? "the thread runs under SCHED_DEADLINE, which must stay"
                            + " allowed every CPU of its root domain" : "";
            throw failure("sched_setaffinity(" + tid + ", " + size + ", " + list + ")", e, hint);
        }
    }

    @Override
    public Set<Integer> affinity(long tid) {
        long size = CpuSet.allocSize(files.possibleCpus());
        while (true) {
            Memory mask = new Memory(size);
            mask.clear();
            try {
                LibC.sched_getaffinity(pid(tid), size, mask);
                return CpuSet.decode(mask, size);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINVAL.number() || size >= MAX_MASK_BYTES) {
                    throw failure("sched_getaffinity(" + tid + ", " + size + ")", e, "");
                }
                size *= 2;
            }
        }
    }

    @Override
    public void lockMemory() {
        try {
            LibC.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            String hint = errno == Errno.EPERM.number() || errno == Errno.ENOMEM.number() || errno == Errno.EAGAIN.number()
                    ? hints.memoryLockRefused(rlimit(LibC.RLIMIT_MEMLOCK)[0]) : "";
            throw failure("mlockall(MCL_CURRENT | MCL_FUTURE)", e, hint);
        }
    }

    @Override
    public void unlockMemory() {
        try {
            LibC.munlockall();
        } catch (LastErrorException e) {
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
            LibC.prctl(LibC.PR_SET_TIMERSLACK, nanos, 0, 0, 0);
        } catch (LastErrorException e) {
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
            return Integer.toUnsignedLong(LibC.prctl(LibC.PR_GET_TIMERSLACK, 0, 0, 0, 0));
        } catch (LastErrorException e) {
            throw failure("prctl(PR_GET_TIMERSLACK)", e, "");
        }
    }

    @Override
    public AbsoluteSleeper newSleeper() {
        return new ClockSleeper();
    }

    private long[] rlimit(int resource) {
        Memory rlim = new Memory(LibC.SIZEOF_RLIMIT);
        try {
            LibC.getrlimit(resource, rlim);
        } catch (LastErrorException e) {
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
                return LibC.SCHED_FIFO;
            case RR:
                return LibC.SCHED_RR;
            case BATCH:
                return LibC.SCHED_BATCH;
            case IDLE:
                return LibC.SCHED_IDLE;
            case DEADLINE:
                return LibC.SCHED_DEADLINE;
            default:
                return LibC.SCHED_OTHER;
        }
    }

    private static LowLatencyException failure(String call, LastErrorException e, String hint) {
        Errno errno = Errno.ofNumber(e.getErrorCode()).orElse(null);
        String message = call + " failed: " + Errno.nameOf(e.getErrorCode());
        if (e.getErrorCode() == Errno.ESRCH.number()) {
            hint = "no such thread (it may have exited)";
        }
        return new LowLatencyException(hint.isEmpty() ? message : message + ": " + hint, errno);
    }
}
