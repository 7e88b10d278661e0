package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.lllqos.Errno;
import io.github.lllqos.Outcome;
import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SCHED_DEADLINE admission control on the simulated kernel (4 CPUs, sched_rt_runtime_us 950000 per 1000000): the
 * deadline threads of a root domain may reserve 95% of each of its CPUs together, as the kernel's __dl_overflow
 * counts.
 */
@ExtendWith(SimulatedKernelExtension.class)
class SimulatedDeadlineAdmissionTest {

    private static final Duration PERIOD = Duration.ofMillis(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> holders = new ArrayList<>();

    @AfterEach
    void releaseTheHolders() throws InterruptedException {
        release.countDown();
        for (Thread holder : holders) {
            holder.join();
        }
    }

    /** Starts a thread that asks for {@code runtime} per 10 ms and keeps it until the test ends. */
    private Outcome<DeadlineParameters> hold(Duration runtime) throws InterruptedException {
        return hold(runtime, -1);
    }

    /** The same, on a thread pinned to {@code cpu} first (-1: not pinned). */
    private Outcome<DeadlineParameters> hold(Duration runtime, int cpu) throws InterruptedException {
        AtomicReference<Outcome<DeadlineParameters>> outcome = new AtomicReference<>();
        CountDownLatch asked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            if (cpu >= 0) {
                Realtime.pinToCpu(cpu).requireApplied();
            }
            outcome.set(Realtime.setDeadline(runtime, PERIOD, PERIOD));
            asked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deadline-holder-" + holders.size());
        holders.add(holder);
        holder.start();
        asked.await();
        return outcome.get();
    }

    @Test
    void threads_are_admitted_up_to_95_percent_of_every_cpu_and_the_next_is_refused_with_the_figures(
            SimulatedKernel kernel) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertThat(hold(PERIOD).applied()).isTrue();
        }
        assertThat(hold(Duration.ofMillis(8)).applied()).as("3 x 100% + 80% = 380% = 4 x 95%").isTrue();

        Outcome<DeadlineParameters> refused = hold(Duration.ofNanos(100_000));

        assertThat(kernel.scheduler().deadlineBandwidth(0)).isCloseTo(3.8, within(1e-9));
        assertThat(refused.applied()).isFalse();
        assertThat(refused.errno()).contains(Errno.EBUSY);
        assertThat(refused.notAppliedReason().orElseThrow()).contains("admission control",
                "asks for 1.0% of a CPU", "on top of 380.0% held by the deadline threads already admitted",
                "sched_rt_runtime_us / sched_rt_period_us = 950000 / 1000000 µs = 95.0% of each of the root"
                        + " domain's 4 CPUs (380.0% in all)");
        assertThat(kernel.scheduler().thread(holders.get(4)).policy()).isEqualTo(SchedPolicy.OTHER);
    }

    @Test
    void a_thread_that_leaves_the_policy_or_ends_gives_its_bandwidth_back(SimulatedKernel kernel)
            throws Exception {
        Thread leaving = new Thread(() -> {
            Realtime.setDeadline(PERIOD, PERIOD, PERIOD).requireApplied();
            Realtime.lowerPriority(0);
        });
        leaving.start();
        leaving.join();
        Thread ending = new Thread(() -> Realtime.setDeadline(PERIOD, PERIOD, PERIOD).requireApplied());
        ending.start();
        ending.join();

        assertThat(kernel.scheduler().thread(leaving).policy()).isEqualTo(SchedPolicy.OTHER);
        assertThat(kernel.scheduler().deadlineBandwidth(0)).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(hold(PERIOD).applied()).isTrue();
        }
    }

    @Test
    void each_root_domain_has_its_own_bandwidth(SimulatedKernel kernel) throws InterruptedException {
        kernel.scheduler().rootDomains(List.of(Set.of(0), Set.of(1, 2, 3)));

        assertThat(hold(Duration.ofMillis(9), 0).applied()).isTrue();
        Outcome<DeadlineParameters> second = hold(Duration.ofMillis(1), 0);
        Outcome<DeadlineParameters> elsewhere = hold(PERIOD, 1);

        assertThat(second.errno()).as("90% + 10% on the one-CPU domain").contains(Errno.EBUSY);
        assertThat(second.notAppliedReason().orElseThrow()).contains("root domain's 1 CPUs");
        assertThat(elsewhere.applied()).as("pinned to CPU 1, which is not all of [1, 2, 3]").isFalse();
        assertThat(hold(PERIOD).applied()).as("unpinned threads start in CPU 0's domain here").isFalse();
        assertThat(kernel.scheduler().deadlineBandwidth(0)).isCloseTo(0.9, within(1e-9));
        assertThat(kernel.scheduler().deadlineBandwidth(1)).isZero();
    }

    @Test
    void turning_admission_control_off_admits_any_bandwidth(SimulatedKernel kernel) throws InterruptedException {
        kernel.scheduler().rtBandwidth(-1, 1_000_000);

        for (int i = 0; i < 6; i++) {
            assertThat(hold(PERIOD).applied()).isTrue();
        }
        assertThat(kernel.scheduler().deadlineBandwidth(0)).isCloseTo(6, within(1e-9));
    }

    @Test
    void a_lower_rt_runtime_lowers_the_limit(SimulatedKernel kernel) throws InterruptedException {
        kernel.scheduler().rtBandwidth(500_000, 1_000_000);

        assertThat(hold(PERIOD).applied()).isTrue();
        assertThat(hold(PERIOD).applied()).isTrue();
        assertThat(hold(Duration.ofNanos(1_000_000)).errno()).contains(Errno.EBUSY);
    }

    @Test
    void without_cap_sys_nice_or_with_a_narrowed_affinity_the_kernel_says_eperm(SimulatedKernel kernel)
            throws Exception {
        AtomicReference<Outcome<DeadlineParameters>> pinned = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            Realtime.pinToCpu(1).requireApplied();
            pinned.set(Realtime.setDeadline(Duration.ofMillis(1), PERIOD, PERIOD));
        });
        thread.start();
        thread.join();
        kernel.scheduler().unprivileged();

        Outcome<DeadlineParameters> unprivileged = Realtime.setDeadline(Duration.ofMillis(1), PERIOD, PERIOD);

        assertThat(pinned.get().errno()).contains(Errno.EPERM);
        assertThat(pinned.get().notAppliedReason().orElseThrow()).contains("must be allowed every CPU of its root"
                + " domain [0, 1, 2, 3]");
        assertThat(unprivileged.errno()).contains(Errno.EPERM);
        assertThat(unprivileged.notAppliedReason().orElseThrow()).contains("no CAP_SYS_NICE");
    }

    @Test
    void a_deadline_thread_may_not_be_pinned_narrower_than_its_root_domain(SimulatedKernel kernel) {
        Realtime.setDeadline(Duration.ofMillis(1), PERIOD, PERIOD).requireApplied();
        try {
            Outcome<Set<Integer>> pinned = Realtime.pinToCpu(2);

            assertThat(pinned.applied()).isFalse();
            assertThat(pinned.errno()).contains(Errno.EBUSY);
        } finally {
            Realtime.lowerPriority(0);
        }
    }

    @Test
    void a_period_outside_the_kernels_bounds_is_einval(SimulatedKernel kernel) {
        Outcome<DeadlineParameters> tooShort = Realtime.setDeadline(Duration.ofNanos(10_000),
                Duration.ofNanos(50_000), Duration.ofNanos(50_000));

        assertThat(tooShort.errno()).contains(Errno.EINVAL);
        assertThat(tooShort.notAppliedReason().orElseThrow()).contains("periods of 100 to 4194304 µs");
    }

    @Test
    void parameters_that_break_the_rule_are_refused_before_any_call(SimulatedKernel kernel) {
        assertThatThrownBy(() -> Realtime.setDeadline(Duration.ofNanos(1023), PERIOD, PERIOD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runtime 1023 ns is below 1024 ns");
        assertThatThrownBy(() -> Realtime.setDeadline(PERIOD, Duration.ofMillis(5), PERIOD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadline 5000000 ns is shorter than the runtime 10000000 ns");
        assertThatThrownBy(() -> Realtime.setDeadline(Duration.ofMillis(1), PERIOD, Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period 5000000 ns is shorter than the deadline 10000000 ns");
        assertThatThrownBy(() -> Realtime.setDeadline(Duration.ofMillis(1), PERIOD, Duration.ofDays(365L * 300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not below 2^63 ns");
        assertThat(kernel.scheduler().calls()).isEmpty();
    }
}
