package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.realtime.SchedPolicy;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.spi.AbsoluteSleeper;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A backend for the API's tests: a small model of one thread's scheduling and the permission rules that
 * refuse changes, recording every primitive the API calls.
 */
final class RecordingBackend implements RealtimeBackend {

    final List<String> calls = new ArrayList<>();
    final Map<String, Errno> failures = new HashMap<>();
    boolean privileged = true;
    long softRtprio;
    long hardRtprio;
    int lowestUnprivilegedNice;
    Set<Integer> online = Set.of(0, 1, 2, 3);
    Set<Integer> processCpus = Set.of(0, 1, 2, 3);
    Set<Integer> isolated = Set.of();

    SchedPolicy policy = SchedPolicy.OTHER;
    int priority;
    int nice;
    Set<Integer> affinity = Set.of(0, 1, 2, 3);
    long slack = 50_000;
    long lockedBytes;

    static final long PID = 4242;

    @Override
    public long currentThreadId() {
        return 7;
    }

    @Override
    public Set<Integer> onlineCpus() {
        return online;
    }

    @Override
    public Set<Integer> isolatedCpus() {
        return isolated;
    }

    @Override
    public int currentCpu() {
        return affinity.iterator().next();
    }

    @Override
    public void setScheduler(long tid, SchedPolicy policy, int priority) {
        record("setScheduler(" + tid + ", " + policy + ", " + priority + ")", "setScheduler");
        if (policy.isRealtime() && !privileged && softRtprio < priority) {
            throw new LowLatencyException("sched_setscheduler(" + tid + ", " + policy.cName() + ", " + priority
                    + ") failed: EPERM: lacks CAP_SYS_NICE", Errno.EPERM);
        }
        this.policy = policy;
        this.priority = priority;
        this.deadline = null;
    }

    DeadlineParameters deadline;
    int yields;

    @Override
    public void setDeadline(long tid, DeadlineParameters parameters) {
        record("setDeadline(" + tid + ", " + parameters + ")", "setDeadline");
        policy = SchedPolicy.DEADLINE;
        priority = 0;
        deadline = parameters;
    }

    @Override
    public Optional<DeadlineParameters> deadlineParameters(long tid) {
        return policy == SchedPolicy.DEADLINE ? Optional.of(deadline) : Optional.empty();
    }

    @Override
    public void yieldCpu() {
        yields++;
    }

    @Override
    public SchedPolicy policy(long tid) {
        requireAlive(tid, "sched_getscheduler");
        return policy;
    }

    @Override
    public int priority(long tid) {
        requireAlive(tid, "sched_getparam");
        return priority;
    }

    @Override
    public void setNice(long tid, int nice) {
        record("setNice(" + tid + ", " + nice + ")", "setNice");
        if (!privileged && nice < Math.min(this.nice, lowestUnprivilegedNice)) {
            throw new LowLatencyException("setpriority(PRIO_PROCESS, " + tid + ", " + nice + ") failed: EACCES", Errno.EACCES);
        }
        this.nice = nice;
    }

    @Override
    public int nice(long tid) {
        requireAlive(tid, "getpriority");
        return nice;
    }

    @Override
    public boolean raiseRtprioLimit(int priority) {
        record("raiseRtprioLimit(" + priority + ")", "raiseRtprioLimit");
        if (softRtprio >= priority) {
            return false;
        }
        if (hardRtprio < priority) {
            throw new LowLatencyException("its hard limit " + hardRtprio + " is below priority " + priority);
        }
        softRtprio = priority;
        return true;
    }

    @Override
    public void setAffinity(long tid, Set<Integer> cpus) {
        record("setAffinity(" + tid + ", " + cpus + ")", "setAffinity");
        affinity = Set.copyOf(cpus);
    }

    @Override
    public Set<Integer> affinity(long tid) {
        return tid == PID ? processCpus : affinity;
    }

    @Override
    public void lockMemory() {
        record("lockMemory()", "lockMemory");
        lockedBytes = 1 << 20;
    }

    @Override
    public void unlockMemory() {
        record("unlockMemory()", "unlockMemory");
        lockedBytes = 0;
    }

    @Override
    public long lockedMemoryBytes() {
        return lockedBytes;
    }

    @Override
    public void setTimerSlack(long nanos) {
        record("setTimerSlack(" + nanos + ")", "setTimerSlack");
        if (!policy.isRealtime()) {
            slack = nanos;
        }
    }

    @Override
    public long timerSlack() {
        return policy.isRealtime() ? 0 : slack;
    }

    @Override
    public AbsoluteSleeper newSleeper() {
        return deadline -> calls.add("sleepUntil(" + deadline + ")");
    }

    /** Threads that exited: reading their scheduling fails with ESRCH. */
    final Set<Long> exited = new HashSet<>();

    private void requireAlive(long tid, String call) {
        if (exited.contains(tid)) {
            throw new LowLatencyException(call + "(" + tid + ") failed: ESRCH", Errno.ESRCH);
        }
    }

    private void record(String call, String name) {
        calls.add(call);
        Errno errno = failures.get(name);
        if (errno != null) {
            throw new LowLatencyException(call + " failed: " + errno, errno);
        }
    }
}
