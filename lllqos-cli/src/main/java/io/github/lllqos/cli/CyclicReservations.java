package io.github.lllqos.cli;

import io.github.lllqos.cli.cyclic.CpuRotation;
import io.github.lllqos.cli.cyclic.CyclicSettings;
import io.github.lllqos.cli.cyclic.CyclicTest;
import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.topology.CpuReservation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code lllqos cyclic --reserve}: one reserved CPU per measuring thread, held for the run, so no other process
 * sharing the lock directory measures or runs its own reserved threads on them. The CPUs are reserved by a thread
 * of their own (which the reservations pin and then leave, and which takes each measuring thread's name while it
 * reserves, so the holder records name the measuring threads), and the measuring threads are pinned to them as
 * with {@code -a}.
 */
final class CyclicReservations implements AutoCloseable {

    private final List<CpuReservation> held;

    private CyclicReservations(List<CpuReservation> held) {
        this.held = held;
    }

    /**
     * Reserves a CPU for each thread: among the CPUs of an {@code -a} list where one is given, else among the
     * reservable CPUs (also for {@code -a} without a list, which pins each thread but names no CPU).
     *
     * @param settings the run, its {@code -a} CPUs included
     * @param cpusListed whether {@code -a} was given a CPU list
     * @return the reservations, or the reason none are held (those taken are released): a bad setting, such as a
     *     {@code -Dlllqos.reservable-cpus} that names no CPU, is a failure of its own ({@link Result#badSetting})
     */
    static Result reserve(CyclicSettings settings, boolean cpusListed) throws InterruptedException {
        Optional<Set<Integer>> among = cpusListed
                ? settings.affinity().map(set -> Set.copyOf(new LinkedHashSet<>(set.cpus()))) : Optional.empty();
        AtomicReference<Result> result = new AtomicReference<>();
        Thread reserver = new Thread(() -> {
            try {
                result.set(reserveHere(settings.threads(), among));
            } catch (IllegalArgumentException bad) {
                result.set(new Result(null, "--reserve: " + bad.getMessage(), true));
            } catch (RuntimeException e) {
                result.set(new Result(null, "--reserve: the CPUs could not be reserved: " + e, false));
            }
        }, "cyclic-reserve");
        reserver.start();
        reserver.join();
        return result.get();
    }

    private static Result reserveHere(int threads, Optional<Set<Integer>> among) {
        List<CpuReservation> held = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            Thread.currentThread().setName(CyclicTest.threadName(thread));
            CpuReservation cpu = among.map(CpuReservation::acquireAmong).orElseGet(CpuReservation::acquire);
            if (!cpu.acquired()) {
                held.forEach(CpuReservation::close);
                return new Result(null, "--reserve: no CPU for measuring thread " + thread + ": "
                        + cpu.notAcquiredReason().orElseThrow(), false);
            }
            held.add(cpu);
        }
        return new Result(new CyclicReservations(held), null, false);
    }

    /** The settings with each thread pinned to its reserved CPU, and all else as they were. */
    CyclicSettings pin(CyclicSettings settings) {
        List<Integer> cpus = new ArrayList<>();
        held.forEach(cpu -> cpus.add(cpu.pinnedCpu().orElseThrow()));
        return new CyclicSettings(settings.intervalMicros(), settings.distanceMicros(), settings.loops(),
                settings.policy(), settings.priority(), settings.lockMemory(),
                Optional.of(CpuRotation.of(cpus)), settings.threads(), settings.histogramMicros(),
                settings.latencyTargetMicros(), settings.duration(), settings.spin(), settings.runtimeMicros());
    }

    @Override
    public void close() {
        held.forEach(CpuReservation::close);
    }

    @Override
    public String toString() {
        List<Integer> cpus = new ArrayList<>();
        held.forEach(cpu -> cpus.addAll(cpu.cpus()));
        return "CyclicReservations[" + CpuList.format(cpus) + "]";
    }

    /**
     * The reservations, or why there are none.
     *
     * @param reservations the CPUs held, null on failure
     * @param failure why none are held, null when they are
     * @param badSetting whether the failure is a setting given wrong (exit 2) rather than CPUs not to be had
     */
    record Result(CyclicReservations reservations, String failure, boolean badSetting) {
    }
}
