package io.github.lllqos.spi;


import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import java.util.Optional;
import java.util.Set;

/**
 * The thread scheduling primitives of a provider, behind {@link io.github.lllqos.realtime.Realtime} and
 * {@link io.github.lllqos.realtime.Periodic}. Each method is one kernel operation; the API checks arguments first
 * (priorities in the policy's range, non-empty sets of online CPUs, non-negative slack) and builds the
 * fallbacks (raising RLIMIT_RTPRIO, nice instead of a real-time policy) from these primitives, so a recording
 * implementation sees every operation the API performs.
 *
 * <p>A thread id is a native thread id as {@link #currentThreadId()} returns it; {@code 0} means the calling
 * thread, as it does for the kernel. A failed operation throws {@link io.github.lllqos.LowLatencyException}
 * whose {@link io.github.lllqos.LowLatencyException#errno() errno()} is the error ({@code EPERM}
 * when a permission or limit is missing) and whose message names the call and, where one is missing, how to
 * grant it.
 */
public interface RealtimeBackend {


    /**
     * Why nothing here works, if it does not.
     *
     * @return empty when the primitives work, else the reason; the API then calls no other method
     */
    default Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    /**
     * The calling thread's native thread id ({@code gettid()} on Linux).
     *
     * @return a positive id
     */
    long currentThreadId();

    /**
     * The CPUs that are online, which {@link #setAffinity(long, Set)} may name.
     *
     * @return CPU numbers, never empty
     */
    Set<Integer> onlineCpus();

    /**
     * The CPUs isolated from the scheduler at boot ({@code isolcpus=}).
     *
     * @return CPU numbers, empty when none are isolated
     */
    Set<Integer> isolatedCpus();

    /**
     * The CPU the calling thread runs on now ({@code sched_getcpu()}).
     *
     * @return a CPU number
     */
    int currentCpu();

    /**
     * Sets a thread's policy and real-time priority ({@code sched_setscheduler}).
     *
     * @param tid the thread, 0 for the calling thread
     * @param policy the policy
     * @param priority a priority in the policy's range
     */
    void setScheduler(long tid, SchedPolicy policy, int priority);

    /**
     * Sets a thread's policy to SCHED_DEADLINE ({@code sched_setattr}), with {@code SCHED_FLAG_RESET_ON_FORK} so
     * that threads it starts do not inherit it (the kernel refuses to fork a deadline thread otherwise). The
     * parameters were checked. A refusal throws with errno {@code "EBUSY"} (admission control: the bandwidth does
     * not fit, the message gives the figures), {@code "EPERM"} (a permission, or CPU affinity narrower than the
     * root domain) or {@code "EINVAL"}; {@code "ENOSYS"} where the provider has no such call.
     *
     * @param tid the thread, 0 for the calling thread
     * @param parameters runtime, deadline and period
     */
    default void setDeadline(long tid, DeadlineParameters parameters) {
        throw new LowLatencyException("sched_setattr(" + tid + ", SCHED_DEADLINE) failed: ENOSYS: this provider"
                + " cannot set SCHED_DEADLINE", Errno.ENOSYS);
    }

    /**
     * A thread's SCHED_DEADLINE parameters ({@code sched_getattr}).
     *
     * @param tid the thread, 0 for the calling thread
     * @return the parameters, empty when the thread runs under another policy or the provider cannot tell
     */
    default Optional<DeadlineParameters> deadlineParameters(long tid) {
        return Optional.empty();
    }

    /**
     * Gives up the CPU ({@code sched_yield()}): for a SCHED_DEADLINE thread, the end of its job; the kernel then
     * lets it run again at its next period. Allocates nothing.
     */
    default void yieldCpu() {
        Thread.yield();
    }

    /**
     * How often the calling thread has blocked since it started: its voluntary context switches ({@code
     * getrusage(RUSAGE_THREAD)}'s {@code ru_nvcsw} on Linux), which a {@link #yieldCpu()} is not. A deadline thread
     * that blocked in a job may have had its period moved by the kernel, so {@link io.github.lllqos.realtime.Periodic}
     * reads this before each yield. Allocates nothing after a thread's first call.
     *
     * @return the count, or -1 where this backend cannot tell
     */
    default long voluntarySwitches() {
        return -1;
    }

    /**
     * A thread's policy ({@code sched_getscheduler}).
     *
     * @param tid the thread, 0 for the calling thread
     * @return the policy
     */
    SchedPolicy policy(long tid);

    /**
     * A thread's real-time priority ({@code sched_getparam}).
     *
     * @param tid the thread, 0 for the calling thread
     * @return 1..99 under FIFO and RR, else 0
     */
    int priority(long tid);

    /**
     * Sets a thread's nice value ({@code setpriority(PRIO_PROCESS, tid, nice)}).
     *
     * @param tid the thread, 0 for the calling thread
     * @param nice -20..19
     */
    void setNice(long tid, int nice);

    /**
     * A thread's nice value ({@code getpriority(PRIO_PROCESS, tid)}).
     *
     * @param tid the thread, 0 for the calling thread
     * @return -20..19
     */
    int nice(long tid);

    /**
     * Raises this process's soft {@code RLIMIT_RTPRIO} to {@code priority} when it is lower and the hard limit
     * allows it, as cyclictest does before it gives up on a real-time policy.
     *
     * @param priority the real-time priority wanted
     * @return true if the soft limit was raised, false if it already allowed {@code priority}
     * @throws io.github.lllqos.LowLatencyException when the hard limit is below {@code priority}, or the
     *     limit cannot be read or set
     */
    boolean raiseRtprioLimit(int priority);

    /**
     * Sets the CPUs a thread may run on ({@code sched_setaffinity}).
     *
     * @param tid the thread, 0 for the calling thread
     * @param cpus online CPUs, not empty
     */
    void setAffinity(long tid, Set<Integer> cpus);

    /**
     * The CPUs a thread may run on ({@code sched_getaffinity}).
     *
     * @param tid the thread, 0 for the calling thread
     * @return CPU numbers
     */
    Set<Integer> affinity(long tid);

    /** Locks all current and future memory of this process ({@code mlockall(MCL_CURRENT | MCL_FUTURE)}). */
    void lockMemory();

    /** Unlocks all memory of this process ({@code munlockall()}). */
    void unlockMemory();

    /**
     * How much memory of this process is locked ({@code VmLck}).
     *
     * @return bytes
     */
    long lockedMemoryBytes();

    /**
     * Sets the calling thread's timer slack ({@code prctl(PR_SET_TIMERSLACK)}).
     *
     * @param nanos the slack, at least 1 (the kernel reads 0 as "reset to the default")
     */
    void setTimerSlack(long nanos);

    /**
     * The calling thread's timer slack.
     *
     * @return nanoseconds; 0 for real-time threads on Linux 6.7 and later
     */
    long timerSlack();

    /**
     * A new absolute sleeper for one thread at a time; {@link io.github.lllqos.realtime.Periodic} makes one per instance.
     *
     * @return a sleeper that allocates nothing per sleep
     */
    AbsoluteSleeper newSleeper();
}
