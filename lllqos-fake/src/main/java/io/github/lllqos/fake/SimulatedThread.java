package io.github.lllqos.fake;

import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import java.util.Optional;
import java.util.Set;

/**
 * One thread as the {@link SimulatedScheduler} sees it: what the thread was given, for tests to assert their
 * thread set-up. A snapshot is taken on each call; the state changes as the scheduler is asked.
 */
public final class SimulatedThread {

    private final long tid;
    private final String name;
    private SchedPolicy policy = SchedPolicy.OTHER;
    private int priority;
    private int nice;
    private Set<Integer> affinity;
    private long timerSlackNanos = SimulatedScheduler.DEFAULT_TIMER_SLACK_NANOS;
    private DeadlineParameters deadline;
    private long periodsSince;

    SimulatedThread(long tid, String name, Set<Integer> affinity) {
        this.tid = tid;
        this.name = name;
        this.affinity = affinity;
    }

    /**
     * The simulated native thread id.
     *
     * @return the id {@link io.github.lllqos.realtime.Realtime#threadId()} returns on this thread
     */
    public long tid() {
        return tid;
    }

    /**
     * The Java thread's name when the scheduler first saw it.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The scheduling policy.
     *
     * @return {@link SchedPolicy#OTHER} until changed
     */
    public synchronized SchedPolicy policy() {
        return policy;
    }

    /**
     * The real-time priority.
     *
     * @return 1..99 under FIFO and RR, else 0
     */
    public synchronized int priority() {
        return priority;
    }

    /**
     * The nice value.
     *
     * @return -20..19, 0 until changed
     */
    public synchronized int nice() {
        return nice;
    }

    /**
     * The SCHED_DEADLINE parameters.
     *
     * @return them while the policy is {@link SchedPolicy#DEADLINE}, else empty
     */
    public synchronized Optional<DeadlineParameters> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * The CPUs the thread may run on.
     *
     * @return all CPUs until changed
     */
    public synchronized Set<Integer> affinity() {
        return affinity;
    }

    /**
     * The timer slack; 0 under a real-time policy, as on Linux 6.7 and later.
     *
     * @return nanoseconds, 50,000 until changed
     */
    public synchronized long timerSlackNanos() {
        return policy.isRealtimeClass() ? 0 : timerSlackNanos;
    }

    synchronized void schedule(SchedPolicy policy, int priority) {
        this.policy = policy;
        this.priority = priority;
        this.deadline = null;
    }

    synchronized void deadline(DeadlineParameters parameters) {
        this.policy = SchedPolicy.DEADLINE;
        this.priority = 0;
        this.deadline = parameters;
        this.periodsSince = System.nanoTime();
    }

    /**
     * When a deadline thread that yields now is woken: at the start of its next period, counted from when its
     * parameters were set, as the kernel counts them until a late wake-up moves them (which this does not model).
     *
     * @param now a {@link System#nanoTime()}
     * @return the next period start after {@code now}
     * @throws IllegalStateException if the thread is not a deadline thread
     */
    synchronized long nextPeriodStart(long now) {
        if (deadline == null) {
            throw new IllegalStateException(this + " is not a deadline thread: it has no periods");
        }
        long period = deadline.periodNanos();
        return periodsSince + ((now - periodsSince) / period + 1) * period;
    }

    synchronized void nice(int nice) {
        this.nice = nice;
    }

    synchronized void affinity(Set<Integer> cpus) {
        this.affinity = Set.copyOf(cpus);
    }

    synchronized boolean timerSlack(long nanos) {
        if (policy.isRealtimeClass()) {
            return false;
        }
        timerSlackNanos = nanos;
        return true;
    }

    @Override
    public synchronized String toString() {
        return "SimulatedThread[" + tid + " '" + name + "', " + (deadline == null ? policy.cName() + " " + priority
                : deadline.toString()) + ", nice " + nice
                + ", CPUs " + affinity + ", slack " + timerSlackNanos() + " ns]";
    }
}
