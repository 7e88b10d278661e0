package io.github.lllqos.fake;

import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.spi.AbsoluteSleeper;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The real-time backend of the {@code fake} provider: each call goes to the scheduler of the kernel installed
 * now ({@link InstalledKernel}), which records it. Sleeps use the real clock.
 */
final class FakeRealtime implements RealtimeBackend {

    private static SimulatedScheduler scheduler() {
        return InstalledKernel.get().scheduler();
    }

    @Override
    public long currentThreadId() {
        return scheduler().thread(Thread.currentThread()).tid();
    }

    @Override
    public Set<Integer> onlineCpus() {
        return scheduler().cpus();
    }

    @Override
    public Set<Integer> isolatedCpus() {
        return scheduler().isolatedCpus();
    }

    @Override
    public int currentCpu() {
        return scheduler().thread(Thread.currentThread()).affinity().stream().min(Integer::compare).orElse(0);
    }

    @Override
    public void setScheduler(long tid, SchedPolicy policy, int priority) {
        scheduler().setScheduler(tid, policy, priority);
    }

    @Override
    public void setDeadline(long tid, DeadlineParameters parameters) {
        scheduler().setDeadline(tid, parameters);
    }

    @Override
    public Optional<DeadlineParameters> deadlineParameters(long tid) {
        return scheduler().resolve(tid, "sched_getattr(" + tid + ")").deadline();
    }

    /**
     * A deadline thread's yield ends its job: it waits, on the real clock, for the start of its next period, as the
     * kernel wakes it. Any other thread's is the JVM's {@link Thread#yield()}.
     */
    @Override
    public void yieldCpu() {
        SimulatedThread thread = scheduler().thread(Thread.currentThread());
        if (thread.deadline().isEmpty()) {
            Thread.yield();
            return;
        }
        newSleeper().sleepUntil(thread.nextPeriodStart(System.nanoTime()));
    }

    @Override
    public SchedPolicy policy(long tid) {
        return scheduler().resolve(tid, "sched_getscheduler(" + tid + ")").policy();
    }

    @Override
    public int priority(long tid) {
        return scheduler().resolve(tid, "sched_getparam(" + tid + ")").priority();
    }

    @Override
    public void setNice(long tid, int nice) {
        scheduler().setNice(tid, nice);
    }

    @Override
    public int nice(long tid) {
        return scheduler().resolve(tid, "getpriority(PRIO_PROCESS, " + tid + ")").nice();
    }

    @Override
    public boolean raiseRtprioLimit(int priority) {
        return scheduler().raiseRtprioLimit(priority);
    }

    @Override
    public void setAffinity(long tid, Set<Integer> cpus) {
        scheduler().setAffinity(tid, cpus);
    }

    @Override
    public Set<Integer> affinity(long tid) {
        SimulatedScheduler scheduler = scheduler();
        return scheduler.thread(tid).map(SimulatedThread::affinity).orElseGet(() -> tid == 0
                ? scheduler.thread(Thread.currentThread()).affinity() : scheduler.processAffinity());
    }

    @Override
    public void lockMemory() {
        scheduler().lockMemory();
    }

    @Override
    public void unlockMemory() {
        scheduler().unlockMemory();
    }

    /** A nominal 1 MiB while locked: the simulation has no memory to count. */
    @Override
    public long lockedMemoryBytes() {
        return scheduler().memoryLocked() ? 1L << 20 : 0;
    }

    @Override
    public void setTimerSlack(long nanos) {
        scheduler().setTimerSlack(nanos);
    }

    @Override
    public long timerSlack() {
        return scheduler().thread(Thread.currentThread()).timerSlackNanos();
    }

    @Override
    public AbsoluteSleeper newSleeper() {
        return deadline -> {
            boolean interrupted = false;
            long remaining;
            while ((remaining = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
