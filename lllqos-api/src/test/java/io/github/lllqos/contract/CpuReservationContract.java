package io.github.lllqos.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.LowLatency;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.topology.CpuCore;
import io.github.lllqos.topology.CpuReservation;
import io.github.lllqos.topology.CpuStrategy;
import io.github.lllqos.topology.CpuTopology;
import io.github.lllqos.topology.RealtimeReservation;
import io.github.lllqos.topology.ReservableCpus;
import io.github.lllqos.topology.ReservingThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider's CPU reservations must do, checked through the public API, with the thread's affinity read
 * from the provider's kernel without lllqos. Subclass it in each provider module.
 */
public abstract class CpuReservationContract {

    /** A CPU held by another process, released by {@link #close()}. */
    public interface OtherHolder extends AutoCloseable {

        /** The other process's id. */
        long pid();

        @Override
        void close() throws Exception;
    }

    private Set<Integer> affinityBefore;
    private Set<Integer> reservable;
    /** Whether {@link #prepareKernel()} returned, so {@link #restoreKernel()} has something to undo. */
    private boolean prepared;
    /** Whether the thread was recorded before the test: not where the preparation skipped it. */
    private boolean recorded;

    /** The name {@link LowLatency#providerName()} must report. */
    protected abstract String expectedProviderName();

    /** Makes the provider's kernel ready (a lock directory of the test's own), or skips the suite. */
    protected abstract void prepareKernel() throws Exception;

    /** The calling thread's affinity as the kernel reports it, read without lllqos. */
    protected abstract Set<Integer> kernelAffinityOfThisThread();

    /** Lets another process hold a CPU, as its own reservation would. */
    protected abstract OtherHolder holdInAnotherProcess(int cpu) throws Exception;

    /** Skips the calling test where the provider's kernel would refuse this process SCHED_RR; by default it never does. */
    protected void requireRealtimeScheduling() {
    }

    /** Undoes {@link #prepareKernel()}, after the checks that follow each test. */
    protected abstract void restoreKernel();

    @BeforeEach
    void recordTheThreadBeforeTheTest() throws Exception {
        prepareKernel();
        prepared = true;
        assertThat(LowLatency.providerName()).isEqualTo(expectedProviderName());
        affinityBefore = kernelAffinityOfThisThread();
        reservable = ReservableCpus.of(CpuTopology.current()).cpus();
        RealEnvironment.require(!reservable.isEmpty(), "this machine has no reservable CPU (it has one CPU)");
        recorded = true;
    }

    @AfterEach
    void theThreadAndTheLocksAreAsBefore() {
        try {
            if (recorded) {
                assertThat(kernelAffinityOfThisThread()).as("affinity after the test").isEqualTo(affinityBefore);
                assertThat(CpuReservation.holdersNow()).as("CPUs held after the test")
                        .noneMatch(holder -> holder.thisProcess());
            }
        } finally {
            if (prepared) {
                restoreKernel();
            }
        }
    }

    @Test
    void acquire_reserves_a_reservable_cpu_and_pins_the_calling_thread_to_it() {
        try (CpuReservation cpu = CpuReservation.acquire()) {
            assertThat(cpu.acquired()).as(cpu.notAcquiredReason().orElse("")).isTrue();
            assertThat(cpu.cpus()).hasSize(1).isSubsetOf(reservable);
            assertThat(cpu.pinnedCpu()).hasValue(cpu.cpus().iterator().next());
            assertThat(kernelAffinityOfThisThread()).containsExactlyElementsOf(cpu.cpus());
            assertThat(cpu.notAcquiredReason()).isEmpty();
        }
    }

    @Test
    void a_realtime_thread_set_up_on_a_reservation_runs_at_round_robin_on_its_reserved_cpu() throws Exception {
        requireRealtimeScheduling();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread control = new Thread(() -> {
            try (RealtimeReservation setup = RealtimeReservation.setupRealtimeThread(10)) {
                seen.set(setup.reservation().acquired() + " " + setup.reservation().cpus() + " "
                        + Realtime.affinity().orElseThrow() + " " + setup.priority().realtime() + " "
                        + Realtime.policy().orElseThrow() + " " + Realtime.priority().orElseThrow());
            }
            seen.set(seen.get() + " after " + CpuReservation.holdersNow().stream()
                    .filter(holder -> holder.thisProcess()).count());
        }, "control");
        control.start();
        control.join();

        assertThat(seen.get()).matches("true \\[(\\d+)] \\[\\1] true RR 10 after 0");
        assertThatThrownBy(() -> RealtimeReservation.setupRealtimeThread(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void close_restores_the_affinity_frees_the_cpu_and_is_idempotent() {
        CpuReservation first = CpuReservation.acquire();
        int cpu = first.pinnedCpu().orElseThrow();
        first.close();
        first.close();
        assertThat(first.acquired()).isFalse();
        assertThat(first.cpus()).isEmpty();
        assertThat(kernelAffinityOfThisThread()).isEqualTo(affinityBefore);
        try (CpuReservation again = CpuReservation.acquireAmong(Set.of(cpu))) {
            assertThat(again.acquired()).as(again.notAcquiredReason().orElse("")).isTrue();
        }
    }

    @Test
    void nested_reservations_closed_out_of_order_leave_the_thread_as_it_was_before_the_first() {
        List<Integer> allowed = new ArrayList<>(affinityBefore);
        RealEnvironment.require(allowed.size() >= 2, "nesting needs two CPUs this thread may run on; it has "
                + allowed);
        CpuReservation outer = CpuReservation.acquireAmong(Set.of(allowed.get(0)));
        CpuReservation inner = CpuReservation.acquireAmong(Set.of(allowed.get(1)));
        try {
            assertThat(outer.acquired()).as(outer.notAcquiredReason().orElse("")).isTrue();
            assertThat(inner.acquired()).as(inner.notAcquiredReason().orElse("")).isTrue();
            assertThat(kernelAffinityOfThisThread()).containsExactlyElementsOf(inner.cpus());

            outer.close();
            assertThat(kernelAffinityOfThisThread()).as("the inner reservation still holds the thread")
                    .containsExactlyElementsOf(inner.cpus());

            inner.close();
            assertThat(kernelAffinityOfThisThread()).as("the affinity before the outer reservation")
                    .isEqualTo(affinityBefore);
        } finally {
            inner.close();
            outer.close();
        }
    }

    @Test
    void no_cpu_is_given_twice_and_the_reason_names_this_process() {
        List<CpuReservation> held = new ArrayList<>();
        try {
            for (int i = 0; i < reservable.size(); i++) {
                held.add(CpuReservation.acquire());
            }
            TreeSet<Integer> given = new TreeSet<>();
            held.forEach(reservation -> given.addAll(reservation.cpus()));
            assertThat(given).isEqualTo(reservable);
            try (CpuReservation extra = CpuReservation.acquire()) {
                assertThat(extra.acquired()).isFalse();
                assertThat(extra.refused()).hasValue(CpuReservation.Refused.HELD);
                assertThat(extra.notAcquiredReason().orElseThrow())
                        .contains("this process, PID " + ProcessHandle.current().pid());
                assertThat(extra.holders()).allMatch(holder -> holder.thisProcess());
            }
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).close();
            }
        }
    }

    @Test
    void threads_racing_for_cpus_never_share_one() throws Exception {
        int threads = reservable.size() + 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch allTried = new CountDownLatch(threads);
        List<Future<Set<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                start.await();
                try (CpuReservation cpu = CpuReservation.acquire()) {
                    allTried.countDown();
                    allTried.await(20, TimeUnit.SECONDS);
                    return cpu.cpus();
                }
            }));
        }
        start.countDown();
        List<Integer> given = new ArrayList<>();
        for (Future<Set<Integer>> result : results) {
            given.addAll(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(given).doesNotHaveDuplicates().hasSize(reservable.size());
    }

    @Test
    void a_cpu_held_by_another_process_is_not_given_and_the_reason_names_its_pid() throws Exception {
        int cpu = reservable.iterator().next();
        try (OtherHolder other = holdInAnotherProcess(cpu)) {
            try (CpuReservation mine = CpuReservation.acquireAmong(Set.of(cpu))) {
                assertThat(mine.acquired()).isFalse();
                assertThat(mine.refused()).hasValue(CpuReservation.Refused.HELD);
                assertThat(mine.notAcquiredReason().orElseThrow()).contains("CPU " + cpu + " is held by PID "
                        + other.pid());
                assertThat(mine.holders()).singleElement().satisfies(holder -> {
                    assertThat(holder.cpu()).isEqualTo(cpu);
                    assertThat(holder.pid()).hasValue(other.pid());
                    assertThat(holder.thisProcess()).isFalse();
                });
            }
            assertThat(CpuReservation.holdersNow()).anyMatch(holder -> holder.cpu() == cpu
                    && holder.pid().orElse(-1) == other.pid());
        }
        try (CpuReservation mine = CpuReservation.acquireAmong(Set.of(cpu))) {
            assertThat(mine.acquired()).as(mine.notAcquiredReason().orElse("")).isTrue();
        }
    }

    @Test
    void acquire_core_reserves_every_sibling_and_pins_the_thread_to_one() {
        CpuTopology topology = CpuTopology.current();
        boolean wholeCoreReservable = topology.cores().stream().anyMatch(core -> reservable.containsAll(core.cpus()));
        try (CpuReservation core = CpuReservation.acquireCore()) {
            assertThat(core.acquired()).as(core.notAcquiredReason().orElse("")).isEqualTo(wholeCoreReservable);
            if (core.acquired()) {
                CpuCore reserved = topology.coreOf(core.pinnedCpu().orElseThrow());
                assertThat(core.cpus()).isEqualTo(reserved.cpus());
                assertThat(kernelAffinityOfThisThread()).containsExactly(reserved.firstCpu());
                for (int sibling : reserved.cpus()) {
                    try (CpuReservation other = CpuReservation.acquireAmong(Set.of(sibling))) {
                        assertThat(other.acquired()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void strategies_relative_to_a_reservation_hold_when_acquired() {
        CpuTopology topology = CpuTopology.current();
        try (CpuReservation first = CpuReservation.acquire()) {
            int anchor = first.pinnedCpu().orElseThrow();
            for (CpuStrategy strategy : CpuStrategy.values()) {
                try (CpuReservation next = CpuReservation.acquire(strategy, first)) {
                    if (!next.acquired()) {
                        assertThat(next.notAcquiredReason()).isPresent();
                        continue;
                    }
                    int cpu = next.pinnedCpu().orElseThrow();
                    assertThat(cpu).isNotEqualTo(anchor);
                    boolean sameCore = topology.coreOf(anchor).cpus().contains(cpu);
                    boolean sameSocket = topology.cpu(anchor).packageId() == topology.cpu(cpu).packageId();
                    switch (strategy) {
                        case SAME_CORE -> assertThat(sameCore).isTrue();
                        case DIFFERENT_CORE -> assertThat(sameCore).isFalse();
                        case SAME_SOCKET -> assertThat(sameSocket).isTrue();
                        case DIFFERENT_SOCKET -> assertThat(sameSocket).isFalse();
                        case ANY -> assertThat(reservable).contains(cpu);
                    }
                }
            }
        }
    }

    @Test
    void whole_cores_relative_to_a_reservation_are_acquired_exactly_where_the_strategy_can_be_met() {
        CpuTopology topology = CpuTopology.current();
        try (CpuReservation first = CpuReservation.acquire()) {
            int anchor = first.pinnedCpu().orElseThrow();
            for (CpuStrategy strategy : CpuStrategy.values()) {
                boolean possible = topology.cores().stream().anyMatch(core -> reservable.containsAll(core.cpus())
                        && !core.cpus().contains(anchor) && lies(strategy, topology, anchor, core));
                try (CpuReservation core = CpuReservation.acquireCore(strategy, first)) {
                    assertThat(core.acquired()).as(strategy + ": " + core.notAcquiredReason().orElse(""))
                            .isEqualTo(possible);
                    if (!core.acquired()) {
                        assertThat(core.refused()).hasValue(CpuReservation.Refused.NONE_WHERE_ASKED);
                        continue;
                    }
                    CpuCore reserved = topology.coreOf(core.pinnedCpu().orElseThrow());
                    assertThat(core.cpus()).isEqualTo(reserved.cpus()).isSubsetOf(reservable);
                    assertThat(lies(strategy, topology, anchor, reserved)).as(strategy + " " + reserved).isTrue();
                    assertThat(kernelAffinityOfThisThread()).containsExactly(reserved.firstCpu());
                }
            }
            assertThat(kernelAffinityOfThisThread()).containsExactly(anchor);
        }
    }

    /** Whether a core lies where a strategy asks, relative to one CPU that is not on it. */
    private static boolean lies(CpuStrategy strategy, CpuTopology topology, int anchor, CpuCore core) {
        boolean sameSocket = topology.cpu(anchor).packageId() == topology.cpu(core.firstCpu()).packageId();
        return switch (strategy) {
            case SAME_CORE -> core.cpus().contains(anchor);
            case DIFFERENT_CORE, ANY -> !core.cpus().contains(anchor);
            case SAME_SOCKET -> sameSocket;
            case DIFFERENT_SOCKET -> !sameSocket;
        };
    }

    @Test
    void a_reserving_thread_factorys_thread_runs_on_its_own_reservable_cpu_and_frees_it_when_it_ends()
            throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread thread = ReservingThreadFactory.named("contract").build().newThread(() -> {
            CpuReservation cpu = ReservingThreadFactory.currentReservation().orElseThrow();
            seen.set(cpu.acquired() + " " + cpu.cpus() + " " + kernelAffinityOfThisThread() + " "
                    + CpuReservation.holdersNow().stream().filter(holder -> holder.thisProcess())
                            .map(holder -> holder.cpu() + " " + holder.thread()).toList());
        });
        thread.start();
        thread.join(20_000);

        assertThat(seen.get()).matches("true \\[(\\d+)] \\[\\1] \\[\\1 contract-0]");
        assertThat(reservable).contains(Integer.parseInt(seen.get().replaceAll("true \\[(\\d+)].*", "$1")));
        assertThat(CpuReservation.holdersNow()).as("held after the thread ended")
                .noneMatch(holder -> holder.thisProcess());
    }

    @Test
    void same_core_relative_to_a_reservation_that_holds_nothing_is_not_acquired() {
        CpuReservation closed = CpuReservation.acquire();
        closed.close();
        try (CpuReservation next = CpuReservation.acquire(CpuStrategy.SAME_CORE, closed)) {
            assertThat(next.acquired()).isFalse();
            assertThat(next.refused()).hasValue(CpuReservation.Refused.NONE_WHERE_ASKED);
            assertThat(next.notAcquiredReason().orElseThrow()).contains("a reservation that holds no CPU");
        }
    }

    @Test
    void an_empty_candidate_set_is_rejected_and_changes_nothing() {
        assertThatThrownBy(() -> CpuReservation.acquireAmong(Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThat(kernelAffinityOfThisThread()).isEqualTo(affinityBefore);
    }

    @Test
    void a_negative_cpu_is_rejected_naming_it_and_changes_nothing() {
        assertThatThrownBy(() -> CpuReservation.acquireAmong(Set.of(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU -1")
                .hasMessageContaining("0 or more");
        assertThat(kernelAffinityOfThisThread()).isEqualTo(affinityBefore);
    }

    @Test
    void an_unknown_cpu_is_rejected_naming_it_and_the_online_cpus() {
        assertThatThrownBy(() -> CpuReservation.acquireAmong(Set.of(99_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU 99999")
                .hasMessageContaining("online CPUs");
        assertThatThrownBy(() -> CpuTopology.current().cpu(99_999))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU 99999");
        assertThat(kernelAffinityOfThisThread()).isEqualTo(affinityBefore);
    }

    @Test
    void a_reservable_cpus_property_that_is_not_a_list_of_online_cpus_is_rejected_naming_it() {
        String before = System.getProperty(ReservableCpus.PROPERTY);
        try {
            System.setProperty(ReservableCpus.PROPERTY, "4095");
            assertThatThrownBy(CpuReservation::acquire).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dlllqos.reservable-cpus=4095").hasMessageContaining("not an online CPU");
            System.setProperty(ReservableCpus.PROPERTY, "");
            assertThatThrownBy(CpuReservation::acquire).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names no CPU");
            System.setProperty(ReservableCpus.PROPERTY, "two");
            assertThatThrownBy(CpuReservation::acquire).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("=two").hasMessageContaining("not a CPU list");
        } finally {
            if (before == null) {
                System.clearProperty(ReservableCpus.PROPERTY);
            } else {
                System.setProperty(ReservableCpus.PROPERTY, before);
            }
        }
        assertThat(kernelAffinityOfThisThread()).isEqualTo(affinityBefore);
    }
}
