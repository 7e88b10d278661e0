package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.LowLatency;
import io.github.lllqos.Errno;
import io.github.lllqos.Outcome;
import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCHED_DEADLINE through {@code sched_setattr} on the real kernel, as root, each on a thread made for it. */
class DeadlineSchedulingTest {

    private static final Duration PERIOD = Duration.ofMillis(4);

    @BeforeEach
    void requireRootOnLinux() {
        assertThat(LowLatency.providerName()).isEqualTo("linux");
        RealEnvironment.requireRoot("sets SCHED_DEADLINE, which needs CAP_SYS_NICE");
    }

    @Test
    void a_deadline_thread_shows_in_the_kernels_stat_with_the_parameters_read_back() throws Exception {
        OnNewThread.run(() -> {
            Outcome<DeadlineParameters> set = Realtime.setDeadline(Duration.ofNanos(500_000), PERIOD, PERIOD);

            assertThat(set.notAppliedReason()).isEmpty();
            assertThat(KernelReport.policy()).isEqualTo(KernelReport.SCHED_DEADLINE);
            assertThat(Realtime.policy()).contains(SchedPolicy.DEADLINE);
            assertThat(set.value()).contains(new DeadlineParameters(Duration.ofNanos(500_000), PERIOD, PERIOD));
            assertThat(Realtime.deadlineParameters()).isEqualTo(set.value());

            Realtime.lowerPriority(0);
            assertThat(KernelReport.policy()).isEqualTo(KernelReport.SCHED_OTHER);
            assertThat(Realtime.deadlineParameters()).isEmpty();
        });
    }

    @Test
    void periodic_on_a_deadline_thread_yields_each_job_and_follows_the_kernels_period_never_early()
            throws Exception {
        OnNewThread.run(() -> {
            Realtime.setDeadline(Duration.ofNanos(500_000), PERIOD, PERIOD).requireApplied();
            Periodic periodic = Periodic.every(PERIOD);
            long period = PERIOD.toNanos();
            long first = periodic.awaitNext();
            long[] deadlines = new long[200];
            long[] lateness = new long[deadlines.length];
            long[] restarts = new long[deadlines.length + 1];
            for (int i = 0; i < deadlines.length; i++) {
                deadlines[i] = periodic.awaitNext();
                lateness[i] = System.nanoTime() - deadlines[i];
                restarts[i + 1] = periodic.blocks().orElseThrow() + periodic.skipped();
            }
            long previous = first;
            long lateTotal = 0;
            for (int i = 0; i < deadlines.length; i++) {
                assertThat(lateness[i]).as("lateness of activation %d", i).isNotNegative();
                long step = deadlines[i] - previous;
                boolean restarted = restarts[i + 1] > (i == 0 ? 0 : restarts[i - 1]);
                assertThat(restarted || step < period || step % period == 0).as("activation %d, %d ns after the one"
                        + " before: on the grid, or earlier where the yield returned before the next period, unless"
                        + " the grid started again after a block or a missed period", i, step).isTrue();
                lateTotal += lateness[i];
                previous = deadlines[i];
            }
            assertThat(restarts[deadlines.length]).as("blocks and missed periods: few, so most steps were checked")
                    .isLessThan(50);
            assertThat(previous - first).as("200 jobs span 200 periods, less what the first one's lateness moved"
                    + " the grid back: a sched_yield() that did not wait for the next period would span almost"
                    + " nothing").isGreaterThan(195 * period);
            assertThat(lateTotal / 200).as("average lateness: a yield that waited past the period would show")
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(1));
        });
    }

    @Test
    void a_job_that_sleeps_is_counted_as_a_block_and_the_activations_go_on_after_it() throws Exception {
        OnNewThread.run(() -> {
            Realtime.setDeadline(Duration.ofNanos(500_000), PERIOD, PERIOD).requireApplied();
            Periodic periodic = Periodic.every(PERIOD);
            for (int i = 0; i < 20; i++) {
                periodic.awaitNext();
            }
            long blocksBefore = periodic.blocks().orElseThrow();
            long skippedBefore = periodic.skipped();

            Thread.sleep(10);
            long afterSleep = periodic.awaitNext();
            long next = periodic.awaitNext();

            assertThat(periodic.blocks().orElseThrow()).as("the job that slept blocked").isGreaterThan(blocksBefore);
            assertThat(afterSleep - System.nanoTime()).as("the activation after the block is not in the future")
                    .isNotPositive();
            assertThat(next - afterSleep).as("the next one follows on the period started again, at most a period"
                    + " on (earlier when the kernel's grid lies earlier)").isPositive()
                    .isLessThanOrEqualTo(PERIOD.toNanos() * (1 + periodic.skipped() - skippedBefore));
        });
    }

    @Test
    void admission_control_refuses_more_bandwidth_than_the_root_domain_has_with_the_figures() throws Exception {
        int cpus = Realtime.affinity().orElseThrow().size();
        int holding100Percent = Math.max(1, cpus - 1);
        Duration period = Duration.ofMillis(10);
        CountDownLatch holding = new CountDownLatch(holding100Percent);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> holderFailure = new AtomicReference<>();
        Thread[] holders = new Thread[holding100Percent];
        for (int i = 0; i < holders.length; i++) {
            holders[i] = new Thread(() -> {
                try {
                    Realtime.setDeadline(period, period, period).requireApplied();
                    holding.countDown();
                    release.await();
                } catch (Throwable t) {
                    holderFailure.set(t);
                    holding.countDown();
                }
            }, "lllqos-test-deadline-holder");
            holders[i].start();
        }
        try {
            holding.await();
            RealEnvironment.require(holderFailure.get() == null, "the machine admits " + holding100Percent
                    + " deadline threads of 100% only if nothing else holds deadline bandwidth: "
                    + holderFailure.get());

            Outcome<DeadlineParameters> refused = OnNewThread.call(() -> Realtime.setDeadline(period, period,
                    period));

            assertThat(refused.applied()).isFalse();
            assertThat(refused.errno()).contains(Errno.EBUSY);
            assertThat(refused.notAppliedReason().orElseThrow()).contains("admission control",
                    "asks for 100.0% of a CPU", "sched_rt_runtime_us / sched_rt_period_us = "
                            + Files.readAllLines(Path.of("/proc/sys/kernel/sched_rt_runtime_us")).get(0) + " / "
                            + Files.readAllLines(Path.of("/proc/sys/kernel/sched_rt_period_us")).get(0) + " µs",
                    "of each of the root domain's " + cpus + " CPUs");
        } finally {
            release.countDown();
            for (Thread holder : holders) {
                holder.join();
            }
        }
    }

    @Test
    void a_period_below_the_kernels_minimum_is_refused_with_the_bounds() throws Exception {
        Duration period = Duration.ofNanos(50_000);

        Outcome<DeadlineParameters> refused = OnNewThread.call(() -> Realtime.setDeadline(Duration.ofNanos(2_000),
                period, period));

        assertThat(refused.errno()).contains(Errno.EINVAL);
        assertThat(refused.notAppliedReason().orElseThrow()).contains("sched_deadline_period_min_us",
                "the period was 50000 ns");
    }

    @Test
    void a_pinned_thread_is_refused_with_eperm_naming_the_affinity() throws Exception {
        RealEnvironment.require(Realtime.affinity().orElseThrow().size() > 1, "this test needs two CPUs");

        Outcome<DeadlineParameters> refused = OnNewThread.call(() -> {
            Realtime.pinToCpu(Realtime.affinity().orElseThrow().iterator().next()).requireApplied();
            return Realtime.setDeadline(Duration.ofNanos(100_000), PERIOD, PERIOD);
        });

        assertThat(refused.errno()).contains(Errno.EPERM);
        assertThat(refused.notAppliedReason().orElseThrow()).contains("must be allowed every CPU of its root"
                + " domain");
    }
}
