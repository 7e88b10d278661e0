package io.github.lllqos.topology;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.spi.CpuLock;
import io.github.lllqos.spi.CpuLocks;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.topology.CpuReservation.Refused;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Chooses CPUs for a {@link CpuReservation}, takes their locks, pins the calling thread, and says why when it
 * cannot.
 */
final class CpuReserver {

    /**
     * Passes over the candidates at most. A CPU refused but found free right after was released meanwhile, or its
     * holder was still taking it (and had not written its record): another pass, after {@link #SETTLE_NANOS},
     * either gets it or finds who holds it.
     */
    private static final int PASSES = 50;
    /** The pause before another pass, long enough for a holder to finish taking its CPU. */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private CpuReserver() {
    }

    static Optional<String> lockLocation() {
        return ProviderRegistry.provider().cpuLocks().map(CpuLocks::location);
    }

    static List<CpuHolder> holdersNow() {
        Optional<CpuLocks> locks = ProviderRegistry.provider().cpuLocks();
        if (locks.isEmpty()) {
            return List.of();
        }
        List<CpuHolder> holders = new ArrayList<>();
        for (int cpu : CpuTopology.current().online()) {
            try {
                locks.get().holderRecord(cpu).ifPresent(record -> holders.add(HolderRecord.parse(cpu, record)));
            } catch (IOException e) {
                throw new LowLatencyException("cannot read the CPU locks in " + locks.get().location() + ": " + e);
            }
        }
        return holders;
    }

    static CpuReservation reserve(boolean wholeCore, CpuStrategy strategy, Set<Integer> relativeTo,
                                  Set<Integer> among) {
        LowLatencyProvider provider = ProviderRegistry.provider();
        Optional<CpuLocks> found = provider.cpuLocks();
        if (found.isEmpty()) {
            return CpuReservation.notAcquired(Refused.UNSUPPORTED, "provider '" + provider.name() + "' cannot"
                    + " reserve CPUs" + provider.unavailableReason().map(why -> ": " + why).orElse(""), List.of());
        }
        Optional<String> noPinning = Realtime.unsupportedReason();
        if (noPinning.isPresent()) {
            return CpuReservation.notAcquired(Refused.UNSUPPORTED, "threads cannot be pinned here: "
                    + noPinning.get(), List.of());
        }
        CpuTopology topology = CpuTopology.current();
        ReservableCpus reservable;
        if (among == null) {
            reservable = ReservableCpus.of(topology);
        } else {
            topology.requireOnline(CpuSets.sorted(among), "the candidate CPUs " + CpuList.format(among));
            Set<Integer> usableAmong = CpuSets.intersection(among, topology.usable());
            if (usableAmong.isEmpty()) {
                return CpuReservation.notAcquired(Refused.NOTHING_RESERVABLE, outsideUsable(among, topology),
                        List.of());
            }
            reservable = new ReservableCpus("the CPUs asked for", among, usableAmong);
        }
        if (reservable.cpus().isEmpty()) {
            return CpuReservation.notAcquired(Refused.NOTHING_RESERVABLE, reservable.whyEmpty(topology), List.of());
        }
        List<Set<Integer>> units = units(topology, reservable.cpus(), wholeCore, strategy, relativeTo);
        if (units.isEmpty()) {
            String wanted = wholeCore ? "no whole core" : "no CPU";
            String where = strategy == CpuStrategy.ANY ? "" : " " + strategy.relation() + " "
                    + (relativeTo.isEmpty() ? "a reservation that holds no CPU" : "CPUs " + CpuList.format(relativeTo));
            return CpuReservation.notAcquired(Refused.NONE_WHERE_ASKED, wanted + " among "
                    + reservable.describe() + " lies" + where
                    + (wholeCore ? " with all its CPUs reservable" : ""), List.of());
        }
        return take(found.get(), units, reservable, wholeCore);
    }

    /**
     * Why CPUs asked for by number cannot be had: they lie outside what this process may use. The reservable CPUs
     * and their property play no part here, so the fix is to ask for others.
     */
    private static String outsideUsable(Set<Integer> among, CpuTopology topology) {
        return "no CPU can be reserved: " + (among.size() == 1 ? "the CPU asked for, " + CpuList.format(among)
                + ", is" : "the CPUs asked for, " + CpuList.format(among) + ", are") + " outside this process's"
                + " affinity or cpuset (it may use " + ReservableCpus.usableInWords(topology) + "); ask for CPUs"
                + " among " + CpuList.format(topology.usable());
    }

    /**
     * The sets of CPUs that would do, in the order they are tried: whole cores by lowest CPU; single CPUs the first
     * hardware thread of every core before the second ones, so reservations spread over cores before two of them
     * share one (whether siblings are numbered apart, as on most x86 machines, or side by side, as on hybrid ones).
     */
    private static List<Set<Integer>> units(CpuTopology topology, Set<Integer> reservable, boolean wholeCore,
                                            CpuStrategy strategy, Set<Integer> relativeTo) {
        List<Set<Integer>> units = new ArrayList<>();
        if (!wholeCore) {
            List<Integer> cpus = new ArrayList<>();
            for (int cpu : reservable) {
                if (!relativeTo.contains(cpu) && strategy.allows(topology, cpu, relativeTo)) {
                    cpus.add(cpu);
                }
            }
            cpus.sort(Comparator.comparingInt((Integer cpu) -> threadIndex(topology, cpu)).thenComparing(cpu -> cpu));
            cpus.forEach(cpu -> units.add(Set.of(cpu)));
            return units;
        }
        for (CpuCore core : topology.cores()) {
            if (reservable.containsAll(core.cpus()) && core.cpus().stream().noneMatch(relativeTo::contains)
                    && core.cpus().stream().allMatch(cpu -> strategy.allows(topology, cpu, relativeTo))) {
                units.add(core.cpus());
            }
        }
        return units;
    }

    /** Which hardware thread of its core a CPU is: 0 for the lowest sibling. */
    private static int threadIndex(CpuTopology topology, int cpu) {
        int index = 0;
        for (int sibling : topology.coreOf(cpu).cpus()) {
            if (sibling == cpu) {
                return index;
            }
            index++;
        }
        return index;
    }

    private static CpuReservation take(CpuLocks locks, List<Set<Integer>> units, ReservableCpus reservable,
                                       boolean wholeCore) {
        String record = HolderRecord.ofCurrentThread();
        Map<Integer, CpuHolder> blocked = new LinkedHashMap<>();
        try {
            for (int pass = 0; pass < PASSES; pass++) {
                blocked.clear();
                TreeSet<Integer> refused = new TreeSet<>();
                for (Set<Integer> unit : units) {
                    List<CpuLock> taken = new ArrayList<>();
                    for (int cpu : unit) {
                        Optional<CpuLock> lock = locks.tryLock(cpu, record);
                        if (lock.isEmpty()) {
                            refused.add(cpu);
                            break;
                        }
                        taken.add(lock.get());
                    }
                    if (taken.size() == unit.size()) {
                        return pin(taken, unit, locks);
                    }
                    CpuReservation.releaseAll(taken);
                }
                boolean unsettled = false;
                for (int cpu : refused) {
                    Optional<String> holder = locks.holderRecord(cpu);
                    holder.ifPresent(text -> blocked.put(cpu, HolderRecord.parse(cpu, text)));
                    unsettled |= holder.isEmpty() || holder.get().isBlank();
                }
                if (!unsettled || pass == PASSES - 1) {
                    break;
                }
                LockSupport.parkNanos(SETTLE_NANOS);
            }
        } catch (IOException e) {
            return CpuReservation.notAcquired(Refused.LOCKS_UNUSABLE, "the CPU locks in " + locks.location()
                    + " cannot be used: " + e + "; let this user write there, or set -Dlllqos.cpu-lock-dir to a"
                    + " directory shared by the processes that reserve CPUs", List.of());
        }
        return CpuReservation.notAcquired(Refused.HELD, heldReason(reservable, wholeCore, blocked, locks),
                List.copyOf(blocked.values()));
    }

    private static CpuReservation pin(List<CpuLock> taken, Set<Integer> unit, CpuLocks locks) {
        int target = unit.iterator().next();
        Optional<Set<Integer>> previous = Realtime.affinity();
        OptionalLong tid = Realtime.threadId();
        Outcome<Set<Integer>> pinned;
        try {
            pinned = Realtime.pinToCpu(target);
        } catch (RuntimeException e) {
            CpuReservation.releaseAll(taken);
            throw e;
        }
        if (!pinned.applied()) {
            CpuReservation.releaseAll(taken);
            return CpuReservation.notAcquired(Refused.NOT_PINNED, "CPUs " + CpuList.format(unit) + " were free in "
                    + locks.location() + " but the thread could not be pinned to CPU " + target + ": "
                    + pinned.notAppliedReason().orElse(""), List.of());
        }
        Thread thread = Thread.currentThread();
        return CpuReservation.held(unit, target, new Unpin(taken, new WeakReference<>(thread), tid.orElse(0),
                NestedPins.pinned(thread, previous.orElse(Set.of()))));
    }

    private static String heldReason(ReservableCpus reservable, boolean wholeCore, Map<Integer, CpuHolder> blocked,
                                     CpuLocks locks) {
        Map<String, List<Integer>> byHolder = new LinkedHashMap<>();
        blocked.values().forEach(holder -> byHolder.computeIfAbsent(holder.describe(), key -> new ArrayList<>())
                .add(holder.cpu()));
        String holders = byHolder.entrySet().stream()
                .map(entry -> (entry.getValue().size() == 1 ? "CPU " + entry.getValue().get(0) + " is held by "
                        : "CPUs " + CpuList.format(entry.getValue()) + " are held by ") + entry.getKey())
                .collect(Collectors.joining("; "));
        return (wholeCore ? "no whole core" : "no CPU") + " is free among " + reservable.describe() + " in "
                + locks.location() + ": "
                + (holders.isEmpty() ? "they were all taken meanwhile" : holders);
    }

    /**
     * Puts the acquiring thread's affinity back (unless a reservation made after this one still pins it) and frees
     * the locks; must not reference the reservation.
     */
    private record Unpin(List<CpuLock> locks, WeakReference<Thread> thread, long tid, NestedPins.Pin pin)
            implements Runnable {

        @Override
        public void run() {
            try {
                Thread holder = thread.get();
                Optional<Set<Integer>> restore = holder == null ? Optional.empty() : NestedPins.unpin(holder, pin);
                if (restore.isPresent()) {
                    if (holder == Thread.currentThread()) {
                        Realtime.pinToCpus(restore.get());
                    } else if (holder.isAlive() && tid > 0) {
                        Realtime.pinToCpus(tid, restore.get());
                    }
                }
            } catch (RuntimeException e) {
                // The thread ended meanwhile, or a CPU of its old affinity went offline: nothing to put back.
            } finally {
                CpuReservation.releaseAll(locks);
            }
        }
    }
}
