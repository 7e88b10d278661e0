package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.LowLatency;
import io.github.lllqos.Outcome;
import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.realtime.ThreadSetup;
import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every change checked through the kernel's own reports ({@code /proc/thread-self/stat} and {@code status}),
 * each on a thread made for it, as root (SCHED_FIFO allowed).
 */
class RealtimeSchedulingTest {

    @BeforeEach
    void requireRootOnLinux() {
        assertThat(LowLatency.providerName()).isEqualTo("linux");
        RealEnvironment.requireRoot("sets real-time policies, nice values below 0 and locks memory");
    }

    @Test
    void elevating_to_fifo_80_shows_in_the_kernels_stat() throws Exception {
        OnNewThread.run(() -> {
            PriorityChange change = Realtime.elevatePriority(SchedPolicy.FIFO, 80);

            assertThat(KernelReport.policy()).isEqualTo(KernelReport.SCHED_FIFO);
            assertThat(KernelReport.rtPriority()).isEqualTo(80);
            assertThat(change.method()).isEqualTo(PriorityChange.Method.REALTIME_POLICY);
            assertThat(change.realtime()).isTrue();
            assertThat(change.reason()).isEmpty();
            assertThat(change.policy()).contains(SchedPolicy.FIFO);
            assertThat(change.priority()).hasValue(80);
        });
    }

    @Test
    void the_default_elevation_is_round_robin_50() throws Exception {
        OnNewThread.run(() -> {
            Realtime.elevatePriority();

            assertThat(KernelReport.policy()).isEqualTo(KernelReport.SCHED_RR);
            assertThat(KernelReport.rtPriority()).isEqualTo(50);
        });
    }

    @Test
    void lowering_a_real_time_thread_returns_it_to_sched_other_at_that_nice_value() throws Exception {
        OnNewThread.run(() -> {
            Realtime.elevatePriority(30);
            PriorityChange change = Realtime.lowerPriority(10);

            assertThat(KernelReport.policy()).isEqualTo(KernelReport.SCHED_OTHER);
            assertThat(KernelReport.nice()).isEqualTo(10);
            assertThat(change.method()).isEqualTo(PriorityChange.Method.NICE);
            assertThat(change.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("left SCHED_RR"));
            assertThat(change.nice()).hasValue(10);
        });
    }

    @Test
    void another_thread_is_elevated_by_its_native_id() throws Exception {
        CountDownLatch elevated = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicLong tid = new AtomicLong();
        AtomicInteger policySeenByTarget = new AtomicInteger(-1);
        Thread target = new Thread(() -> {
            tid.set(Realtime.threadId().orElseThrow());
            started.countDown();
            try {
                elevated.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            policySeenByTarget.set(KernelReport.policy());
        });
        target.start();
        started.await();

        PriorityChange change = Realtime.elevatePriority(tid.get(), SchedPolicy.FIFO, 20);
        int policyOfTarget = KernelReport.policyOf(tid.get());
        elevated.countDown();
        target.join();

        assertThat(change.realtime()).isTrue();
        assertThat(policyOfTarget).isEqualTo(KernelReport.SCHED_FIFO);
        assertThat(policySeenByTarget.get()).isEqualTo(KernelReport.SCHED_FIFO);
        assertThat(KernelReport.policy()).as("the calling thread is untouched").isEqualTo(KernelReport.SCHED_OTHER);
    }

    @Test
    void a_thread_id_that_names_no_thread_fails_with_esrch() {
        assertThatThrownBy(() -> Realtime.elevatePriority(Integer.MAX_VALUE, SchedPolicy.FIFO, 10))
                .isInstanceOf(io.github.lllqos.LowLatencyException.class)
                .hasMessageContaining("sched_setscheduler(" + Integer.MAX_VALUE + ", SCHED_FIFO, 10) failed: ESRCH")
                .satisfies(e -> assertThat(((io.github.lllqos.LowLatencyException) e).errno()).contains(io.github.lllqos.Errno.ESRCH));
    }

    @Test
    void priorities_outside_the_policy_range_change_nothing() throws Exception {
        OnNewThread.run(() -> {
            assertThatThrownBy(() -> Realtime.elevatePriority(SchedPolicy.FIFO, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priority 0")
                    .hasMessageContaining("1..99");
            assertThatThrownBy(() -> Realtime.elevatePriority(100)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("priority 100");
            assertThatThrownBy(() -> Realtime.elevatePriority(SchedPolicy.BATCH, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("real-time policy");
            assertThatThrownBy(() -> Realtime.lowerPriority(20)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nice 20").hasMessageContaining("-20..19");

            assertThat(KernelReport.policy()).isEqualTo(KernelReport.SCHED_OTHER);
            assertThat(KernelReport.nice()).isZero();
        });
    }

    @Test
    void pinning_to_one_cpu_shows_in_cpus_allowed_list() throws Exception {
        int last = lastOnlineCpu();
        OnNewThread.run(() -> {
            Outcome<Set<Integer>> pinned = Realtime.pinToCpu(last);

            assertThat(KernelReport.cpusAllowedList()).isEqualTo(String.valueOf(last));
            assertThat(pinned.applied()).isTrue();
            assertThat(pinned.value()).contains(Set.of(last));
            assertThat(Realtime.currentCpu()).hasValue(last);
        });
    }

    @Test
    void pinning_to_all_online_cpus_allows_them_all() throws Exception {
        String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).trim();
        Set<Integer> cpus = KernelFiles.parseCpuList(online);
        OnNewThread.run(() -> {
            Realtime.pinToCpu(0);
            Realtime.pinToCpus(cpus);

            assertThat(KernelReport.cpusAllowedList()).isEqualTo(online);
            assertThat(Realtime.affinity()).contains(cpus);
        });
    }

    @Test
    void empty_negative_and_offline_cpu_sets_change_nothing() throws Exception {
        OnNewThread.run(() -> {
            String before = KernelReport.cpusAllowedList();

            assertThatThrownBy(() -> Realtime.pinToCpus(Set.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> Realtime.pinToCpu(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CPU -1");
            assertThatThrownBy(() -> Realtime.pinToCpus(Set.of(0, 4000))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CPU 4000 is not online");

            assertThat(KernelReport.cpusAllowedList()).isEqualTo(before);
        });
    }

    @Test
    void the_timer_slack_shows_in_timerslack_ns() throws Exception {
        OnNewThread.run(() -> {
            Outcome<Long> slack = Realtime.setTimerSlackNanos(100);

            assertThat(KernelReport.timerSlackNanos()).isEqualTo(100);
            assertThat(slack.applied()).isTrue();
            assertThat(slack.value()).contains(100L);
            assertThat(Realtime.timerSlackNanos()).hasValue(100);
        });
    }

    @Test
    void zero_slack_sets_the_least_the_kernel_takes_and_says_so() throws Exception {
        OnNewThread.run(() -> {
            Outcome<Long> slack = Realtime.setTimerSlackNanos(0);

            assertThat(KernelReport.timerSlackNanos()).isEqualTo(1);
            assertThat(slack.value()).contains(1L);
        });
    }

    @Test
    void negative_slack_changes_nothing() throws Exception {
        OnNewThread.run(() -> {
            long before = KernelReport.timerSlackNanos();

            assertThatThrownBy(() -> Realtime.setTimerSlackNanos(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1 ns");

            assertThat(KernelReport.timerSlackNanos()).isEqualTo(before);
        });
    }

    @Test
    void a_real_time_thread_has_no_slack_and_a_request_says_it_was_not_applied() throws Exception {
        OnNewThread.run(() -> {
            Realtime.elevatePriority(SchedPolicy.FIFO, 10);
            Outcome<Long> slack = Realtime.setTimerSlackNanos(5000);
            long reported = KernelReport.timerSlackNanos();

            if (reported == 5000) {
                assertThat(slack.applied()).as("a kernel before 6.7 applies slack to real-time threads").isTrue();
            } else {
                assertThat(slack.applied()).isFalse();
                assertThat(slack.value()).contains(reported);
                assertThat(slack.notAppliedReason()).hasValueSatisfying(reason ->
                        assertThat(reason).contains("SCHED_FIFO").contains("6.7"));
            }
        });
    }

    @Test
    void locking_memory_shows_in_vmlck_and_unlocking_clears_it() {
        try {
            Outcome<Long> locked = Realtime.lockMemory();

            assertThat(locked.applied()).isTrue();
            assertThat(KernelReport.lockedKilobytes()).isPositive();
            assertThat(locked.value()).hasValueSatisfying(bytes -> assertThat(bytes).isPositive());
        } finally {
            Realtime.unlockMemory();
        }
        assertThat(KernelReport.lockedKilobytes()).isZero();
    }

    @Test
    void a_real_time_thread_setup_elevates_to_round_robin_and_pins_to_the_first_cpu() throws Exception {
        RealEnvironment.require(Runtime.getRuntime().availableProcessors() > 1, "the machine has one CPU");
        OnNewThread.run(() -> {
            ThreadSetup setup = Realtime.setupRealtimeThread(60);

            assertThat(KernelReport.policy()).isEqualTo(KernelReport.SCHED_RR);
            assertThat(KernelReport.rtPriority()).isEqualTo(60);
            assertThat(KernelReport.cpusAllowedList()).isEqualTo("0");
            assertThat(setup.priority().realtime()).isTrue();
            assertThat(setup.affinity().value()).contains(Set.of(0));
        });
    }

    @Test
    void a_background_worker_setup_sets_nice_10_and_the_other_cpus() throws Exception {
        RealEnvironment.require(Runtime.getRuntime().availableProcessors() > 1, "the machine has one CPU");
        String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).trim();
        Set<Integer> others = KernelFiles.parseCpuList(online);
        others.remove(0);
        OnNewThread.run(() -> {
            ThreadSetup setup = Realtime.setupBackgroundWorker();

            assertThat(KernelReport.nice()).isEqualTo(10);
            assertThat(KernelFiles.parseCpuList(KernelReport.cpusAllowedList())).isEqualTo(others);
            assertThat(Realtime.backgroundCpus()).isEqualTo(others);
            assertThat(setup.affinity().applied()).isTrue();
        });
    }

    @Test
    void isolated_cpus_are_those_the_kernel_lists() throws Exception {
        Path isolated = Path.of("/sys/devices/system/cpu/isolated");
        Set<Integer> expected = Files.exists(isolated) ? KernelFiles.parseCpuList(Files.readString(isolated))
                : Set.of();

        assertThat(Realtime.isolatedCpus()).isEqualTo(expected);
    }

    @Test
    void the_readers_agree_with_the_kernel() throws Exception {
        OnNewThread.run(() -> {
            Realtime.elevatePriority(SchedPolicy.RR, 33);

            assertThat(Realtime.policy()).contains(SchedPolicy.RR);
            assertThat(Realtime.priority()).hasValue(KernelReport.rtPriority());
            assertThat(Realtime.nice()).hasValue(KernelReport.nice());
            assertThat(Realtime.affinity().orElseThrow())
                    .isEqualTo(KernelFiles.parseCpuList(KernelReport.cpusAllowedList()));
            assertThat(Realtime.timerSlackNanos()).hasValue(KernelReport.timerSlackNanos());
            assertThat(Realtime.threadId()).hasValue(KernelReport.threadId());
        });
    }

    private static int lastOnlineCpu() throws Exception {
        return KernelFiles.parseCpuList(Files.readString(Path.of("/sys/devices/system/cpu/online"))).last();
    }
}
