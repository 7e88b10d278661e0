package io.github.lllqos.fake;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.spi.support.DeadlineAdmission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The scheduler side of a {@link SimulatedKernel}: each thread's policy, priority, nice value, CPUs and timer
 * slack as {@link io.github.lllqos.realtime.Realtime} set them, the memory lock, and every call in order, so tests can
 * assert their thread set-up. The permission rules of Linux refuse changes the way a real machine would:
 * without {@code CAP_SYS_NICE} a real-time priority needs {@code RLIMIT_RTPRIO} and a lower nice value needs
 * {@code RLIMIT_NICE}; a cgroup without real-time runtime refuses every real-time policy.
 *
 * <p>SCHED_DEADLINE follows the kernel's admission control: the deadline threads of a root domain (all CPUs, unless
 * {@link #rootDomains(List)} splits them) may reserve together at most {@code sched_rt_runtime_us /
 * sched_rt_period_us} ({@link #rtBandwidth(long, long)}, 950000 / 1000000 by default) of each of its CPUs; a thread
 * that does not fit is refused with EBUSY, one without {@code CAP_SYS_NICE} or not allowed every CPU of its root
 * domain with EPERM. A thread's reservation ends when it leaves the policy or its Java thread ends. A deadline
 * thread's {@code sched_yield()} waits, on the real clock, for its next period, counted from when its parameters
 * were set; the simulation does not move the periods as the kernel does after a late wake-up.
 *
 * <pre>{@code
 * @Test
 * void the_control_thread_runs_at_fifo_80_on_cpu_0(SimulatedKernel kernel) {
 *     controlLoop.start();
 *     SimulatedThread thread = kernel.scheduler().thread(controlLoop.thread());
 *     assertThat(thread.policy()).isEqualTo(SchedPolicy.FIFO);
 *     assertThat(thread.affinity()).containsExactly(0);
 * }
 *
 * @Test
 * void without_privileges_the_loop_falls_back_to_nice(SimulatedKernel kernel) {
 *     kernel.scheduler().unprivileged().niceLimit(30);
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SimulatedScheduler {

    /** The timer slack of a thread that did not change it, as on Linux. */
    public static final long DEFAULT_TIMER_SLACK_NANOS = 50_000;
    /** {@code /proc/sys/kernel/sched_deadline_period_min_us} by default, in ns. */
    public static final long DEADLINE_PERIOD_MIN_NANOS = 100_000;
    /** {@code /proc/sys/kernel/sched_deadline_period_max_us} by default (2^22 µs), in ns. */
    public static final long DEADLINE_PERIOD_MAX_NANOS = 4_194_304_000L;
    /** {@code RLIM_INFINITY}. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final Set<Integer> cpus;
    private final Map<Thread, SimulatedThread> byJavaThread = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Long, SimulatedThread> byTid = new ConcurrentHashMap<>();
    private final AtomicLong nextTid = new AtomicLong(1001);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean capSysNice = true;
    private volatile boolean capIpcLock = true;
    private volatile long rtprioSoft;
    private volatile long rtprioHard;
    private volatile long rlimitNice;
    private volatile long realtimeRuntimeMicros = 950_000;
    private volatile boolean memoryLocked;
    private volatile Set<Integer> isolated = Set.of();
    private volatile long rtRuntimeMicros = 950_000;
    private volatile long rtPeriodMicros = 1_000_000;
    private volatile List<Set<Integer>> rootDomains;
    private volatile Set<Integer> cpusetCpus;
    private volatile Set<Integer> processAffinity;

    SimulatedScheduler(int cpuCount) {
        this.cpus = IntStream.range(0, cpuCount).boxed().collect(Collectors.toUnmodifiableSet());
        this.cpusetCpus = cpus;
        this.processAffinity = cpus;
        this.rootDomains = List.of(cpus);
    }

    /**
     * Sets the process's affinity, as {@code taskset -c} would before the JVM starts: new threads start with it,
     * and {@code sched_getaffinity} of the process returns it.
     *
     * @param affinity CPUs of the process's cpuset, at least one
     * @return this scheduler
     * @throws IllegalArgumentException naming the CPUs when none of them is in the cpuset or one is not a CPU of
     *     this machine (the kernel refuses such a mask with EINVAL)
     */
    public SimulatedScheduler processAffinity(Set<Integer> affinity) {
        if (!cpus.containsAll(affinity) || affinity.stream().noneMatch(cpusetCpus::contains)) {
            throw new IllegalArgumentException("affinity " + new TreeSet<>(affinity) + " must name CPUs of"
                    + " this machine's cpuset " + new TreeSet<>(cpusetCpus) + ": sched_setaffinity would"
                    + " fail with EINVAL");
        }
        processAffinity = intersect(affinity, cpusetCpus);
        return this;
    }

    /** The process's affinity, as {@code sched_getaffinity(pid)} returns it. */
    Set<Integer> processAffinity() {
        return processAffinity;
    }

    /** The process moved into a cgroup with these CPUs: its affinity shrinks to them, as the kernel's does. */
    void restrictTo(Set<Integer> cpuset) {
        cpusetCpus = Set.copyOf(cpuset);
        Set<Integer> narrowed = intersect(processAffinity, cpuset);
        processAffinity = narrowed.isEmpty() ? Set.copyOf(cpuset) : narrowed;
    }

    private static Set<Integer> intersect(Set<Integer> a, Set<Integer> b) {
        return a.stream().filter(b::contains).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Sets {@code /proc/sys/kernel/sched_rt_runtime_us} and {@code sched_rt_period_us}, the share of each CPU that
     * real-time and deadline threads may take; deadline admission control counts against it.
     *
     * @param runtimeMicros 0 up to the period, or -1 for no limit (admission control off)
     * @param periodMicros positive
     * @return this scheduler
     */
    public SimulatedScheduler rtBandwidth(long runtimeMicros, long periodMicros) {
        if (periodMicros <= 0 || runtimeMicros < -1 || runtimeMicros > periodMicros) {
            throw new IllegalArgumentException("sched_rt_runtime_us must be -1 or 0.." + periodMicros
                    + " and sched_rt_period_us positive, was " + runtimeMicros + " / " + periodMicros);
        }
        rtRuntimeMicros = runtimeMicros;
        rtPeriodMicros = periodMicros;
        return this;
    }

    /** {@code sched_rt_runtime_us}, as {@link #rtBandwidth(long, long)} set it. */
    long rtRuntimeMicros() {
        return rtRuntimeMicros;
    }

    /** {@code sched_rt_period_us}, as {@link #rtBandwidth(long, long)} set it. */
    long rtPeriodMicros() {
        return rtPeriodMicros;
    }

    /** The soft {@code RLIMIT_RTPRIO}. */
    long rtprioSoft() {
        return rtprioSoft;
    }

    /** The hard {@code RLIMIT_RTPRIO}. */
    long rtprioHard() {
        return rtprioHard;
    }

    /**
     * Splits the CPUs into root domains, as exclusive cpusets do; each has its own deadline bandwidth.
     *
     * @param domains disjoint CPU sets that together hold every CPU
     * @return this scheduler
     * @throws IllegalArgumentException if they overlap or leave a CPU out
     */
    public SimulatedScheduler rootDomains(List<Set<Integer>> domains) {
        Set<Integer> seen = new TreeSet<>();
        for (Set<Integer> domain : domains) {
            for (int cpu : domain) {
                if (!seen.add(cpu)) {
                    throw new IllegalArgumentException("root domains must not overlap: CPU " + cpu + " is in two");
                }
            }
        }
        if (!seen.equals(new TreeSet<>(cpus))) {
            throw new IllegalArgumentException("root domains " + domains + " must hold every CPU "
                    + new TreeSet<>(cpus) + " once");
        }
        rootDomains = domains.stream().map(Set::copyOf).collect(Collectors.toUnmodifiableList());
        return this;
    }

    /**
     * The bandwidth the deadline threads of a root domain reserve now.
     *
     * @param cpu any CPU of the root domain
     * @return the summed runtime / period of its live deadline threads, 0 for none
     */
    public double deadlineBandwidth(int cpu) {
        return reservedBandwidth(domainOf(Set.of(cpu)), null);
    }

    /**
     * Takes away {@code CAP_SYS_NICE} and {@code CAP_IPC_LOCK}, as for a user process or a container without
     * {@code --cap-add}.
     *
     * @return this scheduler
     */
    public SimulatedScheduler unprivileged() {
        capSysNice = false;
        capIpcLock = false;
        return this;
    }

    /**
     * Sets {@code RLIMIT_RTPRIO}, which lets a process without {@code CAP_SYS_NICE} use real-time priorities up to
     * the soft limit, and raise the soft limit up to the hard one.
     *
     * @param soft the soft limit, 0..99 or {@link #UNLIMITED}
     * @param hard the hard limit, at least {@code soft}
     * @return this scheduler
     */
    public SimulatedScheduler rtprioLimit(long soft, long hard) {
        if (soft < 0 || hard < soft) {
            throw new IllegalArgumentException("RLIMIT_RTPRIO needs 0 <= soft <= hard, was " + soft + ":" + hard);
        }
        rtprioSoft = soft;
        rtprioHard = hard;
        return this;
    }

    /**
     * Sets {@code RLIMIT_NICE}: without {@code CAP_SYS_NICE} a thread may lower its nice value to
     * {@code 20 - limit}.
     *
     * @param limit 0..40
     * @return this scheduler
     */
    public SimulatedScheduler niceLimit(long limit) {
        if (limit < 0 || limit > 40) {
            throw new IllegalArgumentException("RLIMIT_NICE must be in 0..40, was " + limit);
        }
        rlimitNice = limit;
        return this;
    }

    /**
     * Isolates CPUs from the scheduler, as {@code isolcpus=} at boot does: the best home for real-time threads. As
     * on the real kernel, the process's affinity (and so every new thread's) leaves them out, while
     * {@code sched_setaffinity} may still move a thread there.
     *
     * @param cpus CPUs of this kernel, none by default
     * @return this scheduler
     * @throws IllegalArgumentException if a CPU is not one of this kernel's
     */
    public SimulatedScheduler isolatedCpus(Set<Integer> cpus) {
        if (!this.cpus.containsAll(cpus)) {
            throw new IllegalArgumentException("only CPUs of this kernel can be isolated: " + cpus + " is not within "
                    + new TreeSet<>(this.cpus));
        }
        isolated = Set.copyOf(cpus);
        Set<Integer> housekeeping = processAffinity.stream().filter(cpu -> !isolated.contains(cpu))
                .collect(Collectors.toUnmodifiableSet());
        if (!housekeeping.isEmpty()) {
            processAffinity = housekeeping;
        }
        return this;
    }

    /**
     * The isolated CPUs.
     *
     * @return the CPUs set by {@link #isolatedCpus(Set)}, none by default
     */
    public Set<Integer> isolatedCpus() {
        return isolated;
    }

    /**
     * Sets the real-time runtime of the process's cgroup; 0, the default of containers, refuses every real-time
     * policy, even with {@code CAP_SYS_NICE}.
     *
     * @param micros microseconds per second, 950,000 by default
     * @return this scheduler
     */
    public SimulatedScheduler realtimeRuntimeMicros(long micros) {
        realtimeRuntimeMicros = micros;
        return this;
    }

    /**
     * Every scheduling call made, in order, with its result, such as
     * {@code "sched_setscheduler(1001 'main', SCHED_FIFO, 80) = EPERM"}.
     *
     * @return the calls so far
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * What a Java thread was given.
     *
     * @param thread the thread
     * @return its simulated state, at the defaults if it never asked
     */
    public SimulatedThread thread(Thread thread) {
        synchronized (byJavaThread) {
            SimulatedThread simulated = byJavaThread.get(thread);
            if (simulated == null) {
                simulated = new SimulatedThread(nextTid.getAndIncrement(), thread.getName(), processAffinity);
                byJavaThread.put(thread, simulated);
                byTid.put(simulated.tid(), simulated);
            }
            return simulated;
        }
    }

    /**
     * A thread by its simulated native id.
     *
     * @param tid the id
     * @return the thread, empty if no thread has that id
     */
    public Optional<SimulatedThread> thread(long tid) {
        return Optional.ofNullable(byTid.get(tid));
    }

    /**
     * Whether this process's memory is locked.
     *
     * @return true after {@code mlockall} until {@code munlockall}
     */
    public boolean memoryLocked() {
        return memoryLocked;
    }

    Set<Integer> cpus() {
        return cpus;
    }

    SimulatedThread resolve(long tid, String call) {
        if (tid == 0) {
            return thread(Thread.currentThread());
        }
        SimulatedThread thread = byTid.get(tid);
        if (thread == null) {
            throw refuse(call, "ESRCH", "no such thread");
        }
        return thread;
    }

    void setScheduler(long tid, SchedPolicy policy, int priority) {
        SimulatedThread thread = resolve(tid, "sched_setscheduler(" + tid + ", " + policy.cName() + ", " + priority
                + ")");
        String call = "sched_setscheduler(" + describe(thread) + ", " + policy.cName() + ", " + priority + ")";
        if (policy.isRealtime() && realtimeRuntimeMicros == 0) {
            throw refuse(call, "EPERM", "the cgroup gives real-time threads no runtime");
        }
        if (policy.isRealtime() && !capSysNice && priority > rtprioSoft) {
            throw refuse(call, "EPERM", "no CAP_SYS_NICE and RLIMIT_RTPRIO " + rtprioSoft + " is below " + priority);
        }
        thread.schedule(policy, priority);
        calls.add(call + " = 0");
    }

    void setDeadline(long tid, DeadlineParameters parameters) {
        SimulatedThread thread = resolve(tid, "sched_setattr(" + tid + ", " + parameters + ")");
        String call = "sched_setattr(" + describe(thread) + ", " + parameters + ")";
        if (parameters.periodNanos() < DEADLINE_PERIOD_MIN_NANOS || parameters.periodNanos() > DEADLINE_PERIOD_MAX_NANOS) {
            throw refuse(call, "EINVAL", "the kernel takes periods of 100 to 4194304 µs"
                    + " (sched_deadline_period_min_us and _max_us), the period was " + parameters.periodNanos() + " ns");
        }
        if (!capSysNice) {
            throw refuse(call, "EPERM", "no CAP_SYS_NICE, which SCHED_DEADLINE needs whatever RLIMIT_RTPRIO says");
        }
        Set<Integer> domain = domainOf(thread.affinity());
        if (!thread.affinity().containsAll(domain)) {
            throw refuse(call, "EPERM", "the thread may run only on CPUs " + new TreeSet<>(thread.affinity())
                    + ", and a deadline thread must be allowed every CPU of its root domain " + new TreeSet<>(domain));
        }
        DeadlineAdmission admission = new DeadlineAdmission(rtRuntimeMicros, rtPeriodMicros, domain.size());
        double reserved = reservedBandwidth(domain, thread);
        if (!admission.admits(parameters, reserved)) {
            throw refuse(call, "EBUSY", admission.refusal(parameters, OptionalDouble.of(reserved)));
        }
        thread.deadline(parameters);
        calls.add(call + " = 0");
    }

    private Set<Integer> domainOf(Set<Integer> affinity) {
        int cpu = affinity.stream().min(Integer::compare).orElse(0);
        return rootDomains.stream().filter(domain -> domain.contains(cpu)).findFirst().orElse(cpus);
    }

    /** The deadline bandwidth of the live threads in a root domain, leaving out one thread (or none). */
    private double reservedBandwidth(Set<Integer> domain, SimulatedThread except) {
        List<SimulatedThread> live = new ArrayList<>();
        synchronized (byJavaThread) {
            byJavaThread.forEach((java, simulated) -> {
                if (java.isAlive() && simulated != except) {
                    live.add(simulated);
                }
            });
        }
        double sum = 0;
        for (SimulatedThread thread : live) {
            Optional<DeadlineParameters> deadline = thread.deadline();
            if (deadline.isPresent() && domain.containsAll(domainOf(thread.affinity()))) {
                sum += deadline.get().bandwidth();
            }
        }
        return sum;
    }

    void setNice(long tid, int nice) {
        SimulatedThread thread = resolve(tid, "setpriority(PRIO_PROCESS, " + tid + ", " + nice + ")");
        String call = "setpriority(PRIO_PROCESS, " + describe(thread) + ", " + nice + ")";
        if (!capSysNice && nice < thread.nice() && nice < 20 - rlimitNice) {
            throw refuse(call, "EACCES", "no CAP_SYS_NICE and RLIMIT_NICE " + rlimitNice + " allows nice "
                    + (20 - rlimitNice) + " at least");
        }
        thread.nice(nice);
        calls.add(call + " = 0");
    }

    boolean raiseRtprioLimit(int priority) {
        String call = "setrlimit(RLIMIT_RTPRIO, " + priority + ")";
        if (rtprioSoft >= priority) {
            return false;
        }
        if (rtprioHard < priority) {
            throw new LowLatencyException("its hard limit " + rtprioHard + " is below priority " + priority);
        }
        rtprioSoft = priority;
        calls.add(call + " = 0");
        return true;
    }

    void setAffinity(long tid, Set<Integer> wanted) {
        SimulatedThread thread = resolve(tid, "sched_setaffinity(" + tid + ", " + wanted + ")");
        String call = "sched_setaffinity(" + describe(thread) + ", " + wanted + ")";
        if (!cpus.containsAll(wanted)) {
            throw refuse(call, "EINVAL", "the simulated machine has CPUs " + cpus);
        }
        Set<Integer> allowed = intersect(wanted, cpusetCpus);
        if (allowed.isEmpty()) {
            throw refuse(call, "EINVAL", "the cpuset allows only CPUs " + new TreeSet<>(cpusetCpus));
        }
        if (thread.deadline().isPresent() && !allowed.containsAll(domainOf(thread.affinity()))) {
            throw refuse(call, "EBUSY", "a deadline thread must stay allowed every CPU of its root domain "
                    + new TreeSet<>(domainOf(thread.affinity())));
        }
        thread.affinity(allowed);
        calls.add(call + " = 0");
    }

    void lockMemory() {
        String call = "mlockall(MCL_CURRENT | MCL_FUTURE)";
        if (!capIpcLock) {
            throw refuse(call, "EPERM", "no CAP_IPC_LOCK");
        }
        memoryLocked = true;
        calls.add(call + " = 0");
    }

    void unlockMemory() {
        memoryLocked = false;
        calls.add("munlockall() = 0");
    }

    void setTimerSlack(long nanos) {
        SimulatedThread thread = thread(Thread.currentThread());
        boolean applied = thread.timerSlack(nanos);
        calls.add("prctl(PR_SET_TIMERSLACK, " + nanos + ") on " + describe(thread) + " = 0"
                + (applied ? "" : " (ignored: real-time thread)"));
    }

    private LowLatencyException refuse(String call, String errno, String why) {
        calls.add(call + " = " + errno);
        return new LowLatencyException(call + " failed: " + errno + ": " + why + " (simulated)", Errno.valueOf(errno));
    }

    private static String describe(SimulatedThread thread) {
        return thread.tid() + " '" + thread.name() + "'";
    }
}
