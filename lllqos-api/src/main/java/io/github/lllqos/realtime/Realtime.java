package io.github.lllqos.realtime;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Real-time scheduling for JVM threads: priority, CPU affinity, memory locking and timer slack. Each method
 * acts on the calling thread unless it takes a native thread id ({@link #threadId()} run on that thread).
 *
 * <pre>{@code
 * Realtime.lockMemory();
 * ThreadSetup setup = Realtime.setupRealtimeThread(80);     // SCHED_RR 80, pinned to an isolated or the first CPU
 * if (!setup.priority().realtime()) {
 *     log.warn("no real-time policy: {}", setup.priority().reason().orElseThrow());
 * }
 * }</pre>
 *
 * <p>Every change returns what the kernel applied, read back, and why anything was not applied: a missing
 * permission, rlimit or cgroup setting is not an error (the result says so and {@code require...} methods make
 * it one), while unexpected failures throw {@link LowLatencyException} with the call and its errno. Invalid
 * arguments throw {@link IllegalArgumentException} before anything changes. Where the selected provider has no
 * real-time support (not Linux, provider {@code none}) every change is a no-op that says why, and every reader
 * returns empty.
 */
public final class Realtime {

    /** The priority of {@link #elevatePriority()}: SCHED_RR 50. */
    public static final int DEFAULT_PRIORITY = SchedulingChanges.DEFAULT_PRIORITY;
    /** The nice value an elevation falls back to when no real-time policy is allowed. */
    public static final int FALLBACK_NICE = SchedulingChanges.FALLBACK_NICE;
    /** The nice value of {@link #setupBackgroundWorker()}. */
    public static final int BACKGROUND_NICE = ThreadRoles.BACKGROUND_NICE;

    private Realtime() {
    }

    static RealtimeControl control() {
        return RealtimeControl.current();
    }

    /**
     * Why real-time calls do nothing here, if they do nothing.
     *
     * @return empty where the provider supports them, else the reason
     */
    public static Optional<String> unsupportedReason() {
        return control().unsupportedReason();
    }

    /**
     * Elevates the calling thread to SCHED_RR priority {@value #DEFAULT_PRIORITY}, with the fallbacks of
     * {@link #elevatePriority(SchedPolicy, int)}.
     *
     * @return what was applied and why
     */
    public static PriorityChange elevatePriority() {
        return elevatePriority(SchedPolicy.RR, DEFAULT_PRIORITY);
    }

    /**
     * Elevates the calling thread to SCHED_RR at {@code priority}, with the fallbacks of
     * {@link #elevatePriority(SchedPolicy, int)}.
     *
     * @param priority 1..99
     * @return what was applied and why
     * @throws IllegalArgumentException if the priority is outside 1..99
     */
    public static PriorityChange elevatePriority(int priority) {
        return elevatePriority(SchedPolicy.RR, priority);
    }

    /**
     * Sets the calling thread's real-time policy and priority. When that is not permitted, raises the soft
     * RLIMIT_RTPRIO if the hard limit allows it and tries again (as cyclictest does), and failing that sets
     * nice {@value #FALLBACK_NICE}. The result tells which happened and why.
     *
     * @param policy {@link SchedPolicy#FIFO} or {@link SchedPolicy#RR}
     * @param priority 1..99
     * @return what was applied and why
     * @throws IllegalArgumentException for a time-sharing policy or a priority outside 1..99
     * @throws LowLatencyException when a call fails for another reason than a missing permission
     */
    public static PriorityChange elevatePriority(SchedPolicy policy, int priority) {
        return control().scheduling().elevate(0, policy, priority);
    }

    /**
     * Like {@link #elevatePriority(SchedPolicy, int)}, for another thread.
     *
     * @param threadId the native thread id, from {@link #threadId()} run on that thread
     * @param policy {@link SchedPolicy#FIFO} or {@link SchedPolicy#RR}
     * @param priority 1..99
     * @return what was applied and why
     * @throws IllegalArgumentException for a thread id below 1, a time-sharing policy or a priority outside 1..99
     * @throws LowLatencyException when a call fails for another reason than a missing permission (ESRCH: the
     *     thread does not exist)
     */
    public static PriorityChange elevatePriority(long threadId, SchedPolicy policy, int priority) {
        return control().scheduling().elevate(checkThreadId(threadId), policy, priority);
    }

    /**
     * Makes the calling thread a SCHED_DEADLINE thread ({@code sched_setattr}): the kernel gives it {@code runtime}
     * of CPU in every {@code period}, within {@code deadline} of the period's start, ahead of every FIFO and RR
     * thread, and admits it only if the bandwidth of all deadline threads fits the real-time share of the CPUs
     * ({@code /proc/sys/kernel/sched_rt_runtime_us} per {@code sched_rt_period_us}). Threads it starts get
     * SCHED_OTHER ({@code SCHED_FLAG_RESET_ON_FORK}). A {@link Periodic} on the thread then yields at the end of
     * each job.
     *
     * <pre>{@code
     * Outcome<DeadlineParameters> set = Realtime.setDeadline(Duration.ofNanos(200_000), Duration.ofMillis(1),
     *         Duration.ofMillis(1));
     * set.notAppliedReason().ifPresent(reason -> log.warn("no SCHED_DEADLINE: {}", reason));
     * Periodic periodic = Periodic.every(Duration.ofMillis(1));
     * while (running) {
     *     periodic.awaitNext();     // sched_yield(): the job is done, wake me at the next period
     *     control();
     * }
     * }</pre>
     *
     * @param runtime the CPU time per period, at least 1024 ns
     * @param deadline by when in each period the runtime is given, at least {@code runtime}
     * @param period the period, at least {@code deadline} and below 2^63 ns
     * @return the parameters in effect, read back, or why not: errno {@code EBUSY} when admission control refuses
     *     the bandwidth (the reason gives the figures), {@code EPERM} without CAP_SYS_NICE or with a CPU affinity
     *     narrower than the root domain, {@code EINVAL} for a period outside the kernel's
     *     {@code sched_deadline_period_min_us..max_us}
     * @throws IllegalArgumentException naming the value and the rule unless 1024 ns &le; runtime &le; deadline
     *     &le; period &lt; 2^63 ns, before any call
     * @throws LowLatencyException when the call fails for another reason
     */
    public static Outcome<DeadlineParameters> setDeadline(Duration runtime, Duration deadline, Duration period) {
        return control().scheduling().setDeadline(new DeadlineParameters(runtime, deadline, period));
    }

    /**
     * The calling thread's SCHED_DEADLINE parameters.
     *
     * @return them, read back from the kernel; empty when the thread runs under another policy or without
     *     real-time support
     */
    public static Optional<DeadlineParameters> deadlineParameters() {
        return control().reads().deadlineParameters(0);
    }

    /**
     * Sets the calling thread's nice value and, if it runs under a real-time policy, moves it to SCHED_OTHER,
     * where the nice value counts.
     *
     * @param nice -20..19; 10 for background work
     * @return what was applied and why
     * @throws IllegalArgumentException if {@code nice} is outside -20..19
     */
    public static PriorityChange lowerPriority(int nice) {
        return control().scheduling().lower(0, nice);
    }

    /**
     * Like {@link #lowerPriority(int)}, for another thread.
     *
     * @param threadId the native thread id, from {@link #threadId()} run on that thread
     * @param nice -20..19
     * @return what was applied and why
     * @throws IllegalArgumentException for a thread id below 1 or a nice value outside -20..19
     */
    public static PriorityChange lowerPriority(long threadId, int nice) {
        return control().scheduling().lower(checkThreadId(threadId), nice);
    }

    /**
     * Pins the calling thread to one CPU.
     *
     * @param cpu an online CPU
     * @return the CPUs the thread may run on afterwards, or why it was not pinned
     * @throws IllegalArgumentException if the CPU is negative or not online
     */
    public static Outcome<Set<Integer>> pinToCpu(int cpu) {
        return pinToCpus(Set.of(cpu));
    }

    /**
     * Pins the calling thread to a set of CPUs. Any number of CPUs works: the kernel's CPU set is sized from
     * the machine's CPU count.
     *
     * @param cpus online CPUs, at least one
     * @return the CPUs the thread may run on afterwards, or why it was not pinned (a cpuset cgroup that
     *     excludes them: EINVAL; a SCHED_DEADLINE thread, which must be allowed every CPU of its root domain:
     *     EBUSY)
     * @throws IllegalArgumentException if the set is empty or names a CPU that is negative or not online
     */
    public static Outcome<Set<Integer>> pinToCpus(Set<Integer> cpus) {
        return control().pin(0, cpus);
    }

    /**
     * Like {@link #pinToCpus(Set)}, for another thread.
     *
     * @param threadId the native thread id, from {@link #threadId()} run on that thread
     * @param cpus online CPUs, at least one
     * @return the CPUs the thread may run on afterwards, or why it was not pinned
     * @throws IllegalArgumentException for a thread id below 1, or a CPU set that is empty or names a CPU that
     *     is negative or not online
     */
    public static Outcome<Set<Integer>> pinToCpus(long threadId, Set<Integer> cpus) {
        return control().pin(checkThreadId(threadId), cpus);
    }

    /**
     * The CPU the calling thread runs on now.
     *
     * @return the CPU number, empty without real-time support
     */
    public static OptionalInt currentCpu() {
        return control().reads().currentCpu();
    }

    /**
     * The CPUs for background work: those this process may run on, except those {@link #setupRealtimeThread(int)}
     * pins to (the isolated CPUs of its cpuset, or else the lowest).
     *
     * @return CPU numbers in ascending order; empty on a single CPU or without real-time support
     */
    public static Set<Integer> backgroundCpus() {
        return control().roles().backgroundCpus();
    }

    /**
     * The CPUs isolated from the scheduler at boot ({@code isolcpus=}), the best home for real-time threads.
     *
     * @return CPU numbers in ascending order; empty when none are isolated or without real-time support
     */
    public static Set<Integer> isolatedCpus() {
        return control().reads().isolatedCpus();
    }

    /**
     * Sets the calling thread up for time-critical work: SCHED_RR at {@code priority} (with the fallbacks of
     * {@link #elevatePriority(SchedPolicy, int)}), pinned to one CPU. Where CPUs are isolated ({@link #isolatedCpus()})
     * and the process's cgroup cpuset allows them (a container's or a pod's may not), it goes to one of them, and
     * each further real-time thread to the next such CPU in turn, so several spread over them; else it goes to the
     * lowest CPU of this process (CPU 0 on most machines), when the process has more than one, leaving the others to
     * {@link #setupBackgroundWorker()}.
     *
     * <p>It pins without reserving: two processes that each call it may pick the same CPU,
     * as nothing tells one that the other is there. Where that matters, reserve the CPU as well.
     *
     * @param priority 1..99
     * @return what the priority change and the pinning did
     * @throws IllegalArgumentException if the priority is outside 1..99
     * @see io.github.lllqos.topology.RealtimeReservation#setupRealtimeThread(int) the same on a CPU reserved
     *     across processes, which no other reservation takes
     */
    public static ThreadSetup setupRealtimeThread(int priority) {
        return control().roles().setupRealtimeThread(priority);
    }

    /**
     * Sets the calling thread up for background work: nice {@value #BACKGROUND_NICE}, pinned to the
     * {@link #backgroundCpus()} when there are any.
     *
     * @return what the priority change and the pinning did
     */
    public static ThreadSetup setupBackgroundWorker() {
        return control().roles().setupBackgroundWorker();
    }

    /**
     * Locks all current and future memory of this process into RAM ({@code mlockall(MCL_CURRENT | MCL_FUTURE)}),
     * so no page fault to disk delays a real-time thread.
     *
     * <p>In a JVM this is a trap when the heap can still grow: every page the heap grows into during a GC pause is
     * then faulted in and locked inside the pause. Start the JVM with {@code -Xms} equal to {@code -Xmx} and
     * {@code -XX:+AlwaysPreTouch}; until then the outcome carries a {@link Outcome#warning()}, also logged, that
     * says so ({@link #heapGrowthHazard()}).
     *
     * @return the locked bytes afterwards, or why nothing was locked (no CAP_IPC_LOCK and a small
     *     RLIMIT_MEMLOCK: EPERM or ENOMEM)
     */
    public static Outcome<Long> lockMemory() {
        return control().lockMemory();
    }

    /**
     * Why locking memory in this JVM now would lengthen its GC pauses, if it would: the heap's committed size is
     * below its maximum, or {@code -XX:+AlwaysPreTouch} is off.
     *
     * <pre>{@code
     * Realtime.heapGrowthHazard().ifPresent(hazard -> log.warn("not locking memory: {}", hazard));
     * }</pre>
     *
     * @return the hazard with its fix ({@code -Xms} equal to {@code -Xmx} plus {@code -XX:+AlwaysPreTouch}); empty
     *     when the heap cannot grow into new pages, or where the JVM has no {@code java.management} module to tell
     */
    public static Optional<String> heapGrowthHazard() {
        return HeapGrowth.hazard();
    }

    /**
     * Unlocks all memory of this process ({@code munlockall()}).
     *
     * @return the locked bytes afterwards
     */
    public static Outcome<Long> unlockMemory() {
        return control().unlockMemory();
    }

    /**
     * Sets the calling thread's timer slack, the time the kernel may delay its timers to group wake-ups (50 µs
     * by default). 0 asks for the least slack there is: the kernel reads 0 as "reset to the default", so 1 ns
     * is set instead. Real-time threads have no slack on Linux 6.7 and later, which ignores the request then.
     *
     * @param nanos the slack in nanoseconds, 0 or more
     * @return the slack in effect afterwards, or why it differs from the request
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    public static Outcome<Long> setTimerSlackNanos(long nanos) {
        return control().setTimerSlack(nanos);
    }

    /**
     * The calling thread's native thread id ({@code gettid()}), for the methods that act on another thread.
     *
     * @return the id, empty without real-time support
     */
    public static OptionalLong threadId() {
        return control().reads().threadId();
    }

    /**
     * The calling thread's scheduling policy.
     *
     * @return the policy, empty without real-time support
     */
    public static Optional<SchedPolicy> policy() {
        return control().reads().policy(0);
    }

    /**
     * A thread's scheduling policy.
     *
     * @param threadId the native thread id
     * @return the policy, empty without real-time support
     * @throws IllegalArgumentException for a thread id below 1
     */
    public static Optional<SchedPolicy> policy(long threadId) {
        return control().reads().policy(checkThreadId(threadId));
    }

    /**
     * The calling thread's real-time priority.
     *
     * @return 1..99 under FIFO and RR, else 0; empty without real-time support
     */
    public static OptionalInt priority() {
        return control().reads().priority(0);
    }

    /**
     * A thread's real-time priority.
     *
     * @param threadId the native thread id
     * @return 1..99 under FIFO and RR, else 0; empty without real-time support
     * @throws IllegalArgumentException for a thread id below 1
     */
    public static OptionalInt priority(long threadId) {
        return control().reads().priority(checkThreadId(threadId));
    }

    /**
     * The calling thread's nice value.
     *
     * @return -20..19, empty without real-time support
     */
    public static OptionalInt nice() {
        return control().reads().nice(0);
    }

    /**
     * A thread's nice value.
     *
     * @param threadId the native thread id
     * @return -20..19, empty without real-time support
     * @throws IllegalArgumentException for a thread id below 1
     */
    public static OptionalInt nice(long threadId) {
        return control().reads().nice(checkThreadId(threadId));
    }

    /**
     * The CPUs the calling thread may run on.
     *
     * @return CPU numbers in ascending order, empty without real-time support
     */
    public static Optional<Set<Integer>> affinity() {
        return control().reads().affinity(0);
    }

    /**
     * The CPUs a thread may run on.
     *
     * @param threadId the native thread id
     * @return CPU numbers in ascending order, empty without real-time support
     * @throws IllegalArgumentException for a thread id below 1
     */
    public static Optional<Set<Integer>> affinity(long threadId) {
        return control().reads().affinity(checkThreadId(threadId));
    }

    /**
     * The calling thread's timer slack.
     *
     * @return nanoseconds, empty without real-time support
     */
    public static OptionalLong timerSlackNanos() {
        return control().reads().timerSlack();
    }

    private static long checkThreadId(long threadId) {
        if (threadId < 1) {
            throw new IllegalArgumentException("thread id " + threadId + " is not a native thread id: ids are 1 or"
                    + " more (take it from Realtime.threadId() on the thread)");
        }
        return threadId;
    }
}
