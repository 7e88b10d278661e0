package io.github.lllqos.realtime;

import io.github.lllqos.Outcome;
import io.github.lllqos.Refusal;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.support.CpuList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The two roles a thread is set up for: time-critical work (SCHED_RR, pinned to a real-time CPU: the isolated CPUs
 * that the process's cpuset allows, in turn, else the lowest CPU of the process) and background work (nice
 * {@value #BACKGROUND_NICE}, pinned to the other CPUs).
 */
final class ThreadRoles {

    static final int BACKGROUND_NICE = 10;

    private final RealtimeControl control;
    private final RealtimeBackend backend;
    private final long processId;
    /** The CPUs the process's cgroup cpuset allows, empty when there is none or it cannot be read. */
    private final Supplier<Optional<Set<Integer>>> cpusetCpus;
    /** How many real-time threads were set up: the next one goes to the next real-time CPU in turn. */
    private final AtomicInteger realtimeThreadsSetUp = new AtomicInteger();

    ThreadRoles(RealtimeControl control, long processId, Supplier<Optional<Set<Integer>>> cpusetCpus) {
        this.control = control;
        this.backend = control.backend();
        this.processId = processId;
        this.cpusetCpus = cpusetCpus;
    }

    /** Sets the calling thread up for time-critical work: SCHED_RR at a priority, pinned to the next real-time CPU. */
    ThreadSetup setupRealtimeThread(int priority) {
        SchedPolicy.RR.checkPriority(priority);
        PriorityChange change = control.scheduling().elevate(0, SchedPolicy.RR, priority);
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return new ThreadSetup(change, Outcome.notApplied(null, ExpectedFailures.unsupported(unsupported.get())));
        }
        TreeSet<Integer> processCpus = new TreeSet<>(backend.affinity(processId));
        List<Integer> homes = realtimeCpus(processCpus);
        if (homes.isEmpty()) {
            return new ThreadSetup(change, Outcome.notApplied(backend.affinity(0), Refusal.of(Refusal.Kind.UNSUPPORTED,
                    "this process runs on one CPU (" + CpuList.format(processCpus) + ") and none is isolated: there is"
                            + " nothing to pin to")));
        }
        int home = homes.get(Math.floorMod(realtimeThreadsSetUp.getAndIncrement(), homes.size()));
        return new ThreadSetup(change, control.pin(0, Set.of(home)));
    }

    /** Sets the calling thread up for background work: nice {@value #BACKGROUND_NICE}, on the background CPUs. */
    ThreadSetup setupBackgroundWorker() {
        PriorityChange change = control.scheduling().lower(0, BACKGROUND_NICE);
        Optional<String> unsupported = backend.unsupportedReason();
        if (unsupported.isPresent()) {
            return new ThreadSetup(change, Outcome.notApplied(null, ExpectedFailures.unsupported(unsupported.get())));
        }
        Set<Integer> background = backgroundCpus();
        if (background.isEmpty()) {
            return new ThreadSetup(change, Outcome.notApplied(backend.affinity(0), Refusal.of(Refusal.Kind.UNSUPPORTED,
                    "this process runs on one CPU: there are no background CPUs besides the real-time one")));
        }
        return new ThreadSetup(change, control.pin(0, background));
    }

    /**
     * The CPUs of this process except those {@link #setupRealtimeThread(int)} pins to: all of them where CPUs are
     * isolated, else all but the lowest; none on one CPU or without real-time support.
     */
    Set<Integer> backgroundCpus() {
        if (backend.unsupportedReason().isPresent()) {
            return Set.of();
        }
        TreeSet<Integer> cpus = new TreeSet<>(backend.affinity(processId));
        List<Integer> realtime = realtimeCpus(cpus);
        if (realtime.isEmpty()) {
            return Set.of();
        }
        cpus.removeAll(realtime);
        return Collections.unmodifiableSet(cpus);
    }

    /**
     * Where real-time threads go: the isolated CPUs that are online and in the process's cpuset, else the lowest CPU
     * of the process, which leaves the others for background work. The cpuset, not the process's affinity, says
     * which isolated CPUs a thread may move to: the kernel leaves isolated CPUs out of every process's affinity from
     * boot on ({@code isolcpus=}), and {@code sched_setaffinity} moves a thread there all the same, but never outside
     * the cpuset of a container or a pod (EINVAL).
     */
    private List<Integer> realtimeCpus(TreeSet<Integer> processCpus) {
        TreeSet<Integer> isolated = new TreeSet<>(backend.isolatedCpus());
        isolated.retainAll(backend.onlineCpus());
        cpusetCpus.get().ifPresent(isolated::retainAll);
        if (!isolated.isEmpty()) {
            return List.copyOf(isolated);
        }
        return processCpus.size() <= 1 ? List.of() : List.of(processCpus.first());
    }
}
