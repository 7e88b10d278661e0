package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.topology.CoreType;
import io.github.lllqos.topology.CpuCore;
import io.github.lllqos.topology.CpuReservation;
import io.github.lllqos.topology.CpuStrategy;
import io.github.lllqos.topology.CpuTopology;
import io.github.lllqos.topology.ReservableCpus;
import io.github.lllqos.topology.ReservingThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The topology and reservations read through the API from simulated machines. */
class SimulatedTopologyTest {

    private static void on(SimulatedKernel kernel, Consumer<SimulatedKernel> test) {
        SimulatedKernel previous = InstalledKernel.install(kernel);
        try {
            test.accept(kernel);
        } finally {
            InstalledKernel.install(previous);
        }
    }

    private static Set<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void two_sockets_of_eight_cores_with_two_threads_read_as_32_cpus_16_cores_2_packages() {
        on(new SimulatedKernel(SimulatedTopology.uniform(2, 8, 2)), kernel -> {
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.cpus()).hasSize(32);
            assertThat(topology.cores()).hasSize(16).allMatch(core -> core.cpus().size() == 2);
            assertThat(topology.packages()).hasSize(2);
            assertThat(topology.packages().get(0).cpus()).isEqualTo(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7,
                    16, 17, 18, 19, 20, 21, 22, 23)));
            assertThat(topology.coreOf(3).cpus()).containsExactly(3, 19);
            assertThat(topology.cpu(19).packageId()).isZero();
            assertThat(topology.cpu(27).packageId()).isEqualTo(1);
            assertThat(topology.hybrid()).isFalse();
            assertThat(topology.usable()).isEqualTo(range(0, 31));
            assertThat(ReservableCpus.of(topology).cpus()).isEqualTo(range(1, 31));
        });
    }

    @Test
    void a_whole_core_reservation_takes_both_threads_and_strategies_follow_the_sockets() {
        on(new SimulatedKernel(SimulatedTopology.uniform(2, 8, 2)), kernel -> {
            try (CpuReservation core = CpuReservation.acquireCore()) {
                assertThat(core.cpus()).containsExactly(1, 17);
                assertThat(kernel.scheduler().thread(Thread.currentThread()).affinity()).containsExactly(1);
                assertThat(kernel.cpuLocks().heldCpus()).containsExactly(1, 17);
                try (CpuReservation far = CpuReservation.acquire(CpuStrategy.DIFFERENT_SOCKET, core);
                     CpuReservation near = CpuReservation.acquire(CpuStrategy.SAME_SOCKET, core);
                     CpuReservation sibling = CpuReservation.acquire(CpuStrategy.SAME_CORE, core)) {
                    assertThat(far.cpus()).containsExactly(8);
                    assertThat(near.cpus()).containsExactly(2);
                    assertThat(sibling.acquired()).isFalse();
                    assertThat(sibling.notAcquiredReason().orElseThrow()).contains("on the same core as CPUs 1,17");
                }
            }
            assertThat(kernel.cpuLocks().heldCpus()).isEmpty();
        });
    }

    @Test
    void a_hybrid_cpu_tells_performance_from_efficiency_cores() {
        on(new SimulatedKernel(SimulatedTopology.hybrid(6, 8)), kernel -> {
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.hybrid()).isTrue();
            assertThat(topology.cpus()).hasSize(20);
            assertThat(topology.cores()).hasSize(14);
            List<CpuCore> performance = topology.cores().stream()
                    .filter(core -> core.coreType() == CoreType.PERFORMANCE).toList();
            assertThat(performance).hasSize(6).allMatch(core -> core.cpus().size() == 2);
            assertThat(topology.coreOf(0).cpus()).containsExactly(0, 1);
            assertThat(topology.cpu(12).coreType()).isEqualTo(CoreType.EFFICIENCY);
            assertThat(topology.cpu(12).capacity()).hasValue(SimulatedTopology.EFFICIENCY_CAPACITY);
            assertThat(topology.coreOf(12).cpus()).containsExactly(12);
            try (CpuReservation core = CpuReservation.acquireCore()) {
                assertThat(core.cpus()).as("CPU 0's core is not reservable").containsExactly(2, 3);
            }
            try (CpuReservation first = CpuReservation.acquire(); CpuReservation second = CpuReservation.acquire()) {
                assertThat(first.cpus()).containsExactly(2);
                assertThat(second.cpus()).as("another core before CPU 2's sibling").containsExactly(4);
            }
        });
    }

    @Test
    void an_arm_big_little_machine_tells_big_from_little_cores_by_capacity_alone() {
        on(new SimulatedKernel(SimulatedTopology.bigLittle(4, 2)), kernel -> {
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.hybrid()).isTrue();
            assertThat(topology.cores()).hasSize(6).allMatch(core -> core.cpus().size() == 1);
            assertThat(topology.cpus().stream().filter(cpu -> cpu.coreType() == CoreType.EFFICIENCY)
                    .map(cpu -> cpu.number())).containsExactly(0, 1, 2, 3);
            assertThat(topology.cpus().stream().filter(cpu -> cpu.coreType() == CoreType.PERFORMANCE)
                    .map(cpu -> cpu.number())).containsExactly(4, 5);
            assertThat(topology.cpu(0).capacity()).hasValue(SimulatedTopology.LITTLE_CAPACITY);
            assertThat(topology.cpu(5).capacity()).hasValue(SimulatedTopology.FULL_CAPACITY);
            assertThat(topology.cpu(5).clusterId()).isEqualTo(1);
        });
    }

    @Test
    void a_cluster_id_the_kernel_shows_for_no_cluster_reads_as_none() {
        for (int shown : new int[] {65535, -1}) {
            on(new SimulatedKernel(SimulatedTopology.uniform(1, 2, 1).withoutClusters(shown)), kernel -> {
                assertThat(CpuTopology.current().cpus()).as("cluster_id " + shown)
                        .allMatch(cpu -> cpu.clusterId() == -1);
            });
        }
        on(new SimulatedKernel(SimulatedTopology.uniform(1, 4, 1)), kernel ->
                assertThat(CpuTopology.current().cpu(3).clusterId()).isEqualTo(1));
    }

    @Test
    void a_machine_of_4096_cpus_reads_and_reserves_its_last_cpu() {
        on(new SimulatedKernel(KernelProfile.CURRENT, SimulatedTopology.uniform(4, 512, 2), CpuidleDriver.NONE),
                kernel -> {
                    CpuTopology topology = CpuTopology.current();
                    assertThat(topology.cpus()).hasSize(4096);
                    assertThat(topology.cores()).hasSize(2048);
                    assertThat(topology.packages()).hasSize(4);
                    assertThat(topology.coreOf(4095).cpus()).containsExactly(2047, 4095);
                    try (CpuReservation last = CpuReservation.acquireAmong(Set.of(4095))) {
                        assertThat(last.cpus()).containsExactly(4095);
                        assertThat(kernel.scheduler().thread(Thread.currentThread()).affinity())
                                .containsExactly(4095);
                    }
                });
    }

    @Test
    void isolated_cpus_are_the_reservable_ones_where_there_are_any() {
        SimulatedTopology machine = SimulatedTopology.uniform(1, 8, 1).isolated(Set.of(4, 5, 6, 7))
                .nohzFull(Set.of(6, 7));
        on(new SimulatedKernel(machine), kernel -> {
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.isolated()).containsExactly(4, 5, 6, 7);
            assertThat(topology.nohzFull()).containsExactly(6, 7);
            ReservableCpus reservable = ReservableCpus.of(topology);
            assertThat(reservable.cpus()).containsExactly(4, 5, 6, 7);
            assertThat(reservable.rule()).isEqualTo("the isolated CPUs");
        });
    }

    @Test
    void isolated_cpus_left_out_of_the_affinity_by_isolcpus_are_still_usable_and_reserved() {
        SimulatedTopology machine = SimulatedTopology.uniform(1, 8, 1).isolated(Set.of(4, 5, 6, 7));
        on(new SimulatedKernel(machine), kernel -> {
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.affinity()).containsExactly(0, 1, 2, 3);
            assertThat(topology.usable()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            try (CpuReservation cpu = CpuReservation.acquire()) {
                assertThat(cpu.acquired()).as(cpu.notAcquiredReason().orElse("")).isTrue();
                assertThat(cpu.cpus()).containsExactly(4);
                assertThat(kernel.scheduler().thread(Thread.currentThread()).affinity()).containsExactly(4);
            }
        });
    }

    @Test
    void a_cpuset_bounds_the_isolated_cpus_too() {
        SimulatedTopology machine = SimulatedTopology.uniform(1, 8, 1).isolated(Set.of(4, 5, 6, 7));
        on(new SimulatedKernel(machine), kernel -> {
            kernel.cpuset(SimulatedCpuset.v2("/kubepods/pod1/c1", Set.of(2, 3, 6)));
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.usable()).containsExactly(2, 3, 6);
            assertThat(ReservableCpus.of(topology).cpus()).containsExactly(6);
        });
    }

    @Test
    void a_cgroup_v2_cpuset_limits_the_usable_and_reservable_cpus() {
        on(new SimulatedKernel(SimulatedTopology.uniform(1, 8, 1)), kernel -> {
            kernel.cpuset(SimulatedCpuset.v2("/kubepods/pod1/c1", Set.of(2, 3)));
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.cpuset().orElseThrow().file())
                    .isEqualTo("/sys/fs/cgroup/kubepods/pod1/c1/cpuset.cpus.effective");
            assertThat(topology.usable()).containsExactly(2, 3);
            assertThat(ReservableCpus.of(topology).cpus()).containsExactly(2, 3);
        });
    }

    @Test
    void a_cgroup_v1_cpuset_and_a_narrower_affinity_are_both_honoured() {
        on(new SimulatedKernel(SimulatedTopology.uniform(1, 8, 1)), kernel -> {
            kernel.cpuset(SimulatedCpuset.v1("/docker/abc", Set.of(0, 1, 2, 3, 4)));
            kernel.scheduler().processAffinity(Set.of(0, 3, 4, 7));
            CpuTopology topology = CpuTopology.current();
            assertThat(topology.cpuset().orElseThrow().cgroupVersion()).isEqualTo(1);
            assertThat(topology.cpuset().orElseThrow().file())
                    .isEqualTo("/sys/fs/cgroup/cpuset/docker/abc/cpuset.effective_cpus");
            assertThat(topology.affinity()).containsExactly(0, 3, 4);
            assertThat(topology.usable()).containsExactly(0, 3, 4);
        });
    }

    @Test
    void a_cpuset_that_excludes_every_reservable_cpu_is_not_acquired_and_says_which_rule_and_cpuset() {
        on(new SimulatedKernel(SimulatedTopology.uniform(1, 4, 1)), kernel -> {
            kernel.cpuset(SimulatedCpuset.v2("/docker/abc", Set.of(0)));
            try (CpuReservation cpu = CpuReservation.acquire()) {
                assertThat(cpu.acquired()).isFalse();
                assertThat(cpu.refused()).hasValue(CpuReservation.Refused.NOTHING_RESERVABLE);
                assertThat(cpu.notAcquiredReason().orElseThrow())
                        .contains("the reservable CPUs 1-3 (all online CPUs but CPU 0, as none is isolated)")
                        .contains("cgroup v2 cpuset 0 from /sys/fs/cgroup/docker/abc/cpuset.cpus.effective")
                        .contains("-Dlllqos.reservable-cpus");
            }
        });
    }

    @Test
    void asked_cpus_outside_the_cpuset_are_not_acquired_and_the_reason_names_both_sets() {
        on(new SimulatedKernel(SimulatedTopology.uniform(1, 4, 1)), kernel -> {
            kernel.cpuset(SimulatedCpuset.v2("/docker/abc", Set.of(0, 1)));
            try (CpuReservation cpu = CpuReservation.acquireAmong(Set.of(2, 3))) {
                assertThat(cpu.acquired()).isFalse();
                assertThat(cpu.refused()).hasValue(CpuReservation.Refused.NOTHING_RESERVABLE);
                assertThat(cpu.notAcquiredReason().orElseThrow())
                        .contains("the CPUs asked for, 2-3, are outside this process's affinity or cpuset")
                        .contains("affinity 0-1", "cgroup v2 cpuset 0-1 from /sys/fs/cgroup/docker/abc")
                        .doesNotContain("reservable-cpus");
            }
        });
    }

    @Test
    void simulated_cpusets_and_affinities_that_exclude_everything_are_rejected_naming_the_values() {
        SimulatedKernel kernel = new SimulatedKernel(SimulatedTopology.uniform(1, 4, 1));
        assertThatThrownBy(() -> kernel.cpuset(SimulatedCpuset.v2("/c", Set.of(9))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU 9")
                .hasMessageContaining("0-3");
        assertThatThrownBy(() -> SimulatedCpuset.v2("/c", Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        kernel.cpuset(SimulatedCpuset.v2("/c", Set.of(0, 1)));
        assertThatThrownBy(() -> kernel.scheduler().processAffinity(Set.of(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]")
                .hasMessageContaining("EINVAL");
        assertThat(kernel.cpuset().cpus()).containsExactly(0, 1);
    }

    @Test
    void a_cpu_whose_holder_dies_is_free_at_once() {
        on(new SimulatedKernel(SimulatedTopology.uniform(1, 2, 1)), kernel -> {
            kernel.cpuLocks().holdFor(777, "feed", 1);
            try (CpuReservation refused = CpuReservation.acquire()) {
                assertThat(refused.notAcquiredReason().orElseThrow()).contains("CPU 1 is held by PID 777")
                        .contains("thread 'feed'");
            }
            assertThat(kernel.cpuLocks().processDied(777)).containsExactly(1);
            try (CpuReservation cpu = CpuReservation.acquire()) {
                assertThat(cpu.cpus()).containsExactly(1);
            }
        });
    }

    @Test
    void the_reserving_thread_factory_gives_each_thread_its_own_cpu_and_frees_it_when_the_thread_ends() {
        on(new SimulatedKernel(SimulatedTopology.uniform(2, 4, 1)), kernel -> {
            ReservingThreadFactory factory = ReservingThreadFactory.named("stage")
                    .strategies(CpuStrategy.DIFFERENT_SOCKET, CpuStrategy.ANY).build();
            List<Set<Integer>> seen = new ArrayList<>();
            CountDownLatch running = new CountDownLatch(3);
            CountDownLatch finish = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread thread = factory.newThread(() -> {
                    synchronized (seen) {
                        seen.add(ReservingThreadFactory.currentReservation().orElseThrow().cpus());
                    }
                    running.countDown();
                    try {
                        finish.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                threads.add(thread);
                thread.start();
                awaitSeen(seen, i + 1);
            }
            try {
                assertThat(await(running)).isTrue();
                assertThat(seen).containsExactly(Set.of(1), Set.of(4), Set.of(2));
                assertThat(threads.get(0).getName()).isEqualTo("stage-0");
            } finally {
                finish.countDown();
            }
            threads.forEach(SimulatedTopologyTest::join);
            assertThat(kernel.cpuLocks().heldCpus()).isEmpty();
        });
    }

    @Test
    void the_reserving_thread_factory_places_new_threads_relative_to_the_newest_reservation_still_held() {
        on(new SimulatedKernel(SimulatedTopology.uniform(2, 4, 1)), kernel -> {
            ReservingThreadFactory factory = ReservingThreadFactory.named("stage")
                    .strategies(CpuStrategy.DIFFERENT_SOCKET).build();
            List<Set<Integer>> seen = new ArrayList<>();
            CountDownLatch finish = new CountDownLatch(1);
            Runnable record = () -> {
                synchronized (seen) {
                    seen.add(ReservingThreadFactory.currentReservation().orElseThrow().cpus());
                }
            };
            Thread first = factory.newThread(() -> {
                record.run();
                await(finish);
            });
            first.start();
            awaitSeen(seen, 1);
            try {
                Thread second = factory.newThread(record);
                second.start();
                join(second);
                Thread third = factory.newThread(record);
                third.start();
                join(third);
                assertThat(seen).as("the third thread is placed relative to the first, as the second has ended")
                        .containsExactly(Set.of(1), Set.of(4), Set.of(4));
            } finally {
                finish.countDown();
            }
            join(first);
            assertThat(kernel.cpuLocks().heldCpus()).isEmpty();
        });
    }

    private static void awaitSeen(List<Set<Integer>> seen, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            synchronized (seen) {
                if (seen.size() >= count) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void the_reserving_thread_factory_gives_a_whole_core_and_a_real_time_policy_when_asked() {
        on(new SimulatedKernel(SimulatedTopology.uniform(1, 4, 2)), kernel -> {
            ReservingThreadFactory factory = ReservingThreadFactory.named("rt").wholeCore()
                    .realtime(SchedPolicy.FIFO, 80).build();
            List<String> seen = new ArrayList<>();
            Thread thread = factory.newThread(() -> {
                SimulatedThread simulated = kernel.scheduler().thread(Thread.currentThread());
                seen.add(ReservingThreadFactory.currentReservation().orElseThrow().cpus() + " "
                        + simulated.policy() + " " + simulated.priority() + " " + simulated.affinity());
            });
            thread.start();
            join(thread);
            assertThat(seen).containsExactly("[1, 5] FIFO 80 [1]");
            assertThat(kernel.cpuLocks().heldCpus()).isEmpty();
        });
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
