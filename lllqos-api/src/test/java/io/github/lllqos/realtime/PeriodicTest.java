package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.spi.AbsoluteSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The schedule of {@link Periodic}, over a sleeper that records deadlines instead of sleeping. */
class PeriodicTest {

    private final List<Long> slept = new ArrayList<>();

    @Test
    void every_activation_sleeps_until_the_deadline_it_returns() {
        Periodic periodic = new Periodic(1_000_000, 0, 0, Periodic.Overrun.CATCH_UP, slept::add);

        long first = periodic.awaitNext();
        long second = periodic.awaitNext();
        long third = periodic.awaitNext();

        assertThat(slept).containsExactly(first, second, third);
        assertThat(second - first).isEqualTo(1_000_000);
        assertThat(third - second).isEqualTo(1_000_000);
        assertThat(periodic.skipped()).isZero();
    }

    @Test
    void skipping_lands_on_the_grid_after_a_long_pause_and_counts_the_skipped() throws InterruptedException {
        Periodic periodic = new Periodic(1_000_000, 0, 0, Periodic.Overrun.SKIP, slept::add);
        long first = periodic.awaitNext();
        Thread.sleep(5);

        long next = periodic.awaitNext();

        assertThat((next - first) % 1_000_000).isZero();
        assertThat(periodic.skipped()).isEqualTo((next - first) / 1_000_000 - 1).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_deadline_threads_activations_close_in_on_the_kernels_period_starts_and_skip_none() {
        long period = 20_000_000;
        long origin = System.nanoTime();
        Runnable kernel = () -> {
            long start = origin + ((System.nanoTime() - origin) / period + 1) * period;
            for (long left = start - System.nanoTime(); left > 0; left = start - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        };
        Periodic periodic = new Periodic(period, 0, 0, Periodic.Overrun.SKIP, 0, false, slept::add, kernel, () -> true,
                () -> 0);

        long[] deadlines = new long[8];
        for (int i = 0; i < deadlines.length; i++) {
            deadlines[i] = periodic.awaitNext();
        }

        long ahead = Long.MAX_VALUE;
        for (int i = 0; i < deadlines.length; i++) {
            long behindKernel = deadlines[i] - (origin + (i + 1) * period);
            assertThat(behindKernel).as("activation %d: never before the period start the kernel woke it at, and"
                    + " never further from it than the one before", i).isNotNegative().isLessThanOrEqualTo(ahead);
            ahead = behindKernel;
        }
        assertThat(periodic.skipped()).isZero();
        assertThat(slept).as("a deadline thread never sleeps in a job").isEmpty();
    }

    @Test
    void after_a_job_that_blocked_a_deadline_thread_follows_the_period_the_kernel_started_again()
            throws InterruptedException {
        long period = 20_000_000;
        long[] grid = {System.nanoTime()};
        long[] voluntarySwitches = {5};
        Runnable kernel = () -> {
            long start = grid[0] + ((System.nanoTime() - grid[0]) / period + 1) * period;
            for (long left = start - System.nanoTime(); left > 0; left = start - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        };
        Periodic periodic = new Periodic(period, 0, 0, Periodic.Overrun.SKIP, 0, false, slept::add, kernel, () -> true,
                () -> voluntarySwitches[0]);
        assertThat(periodic.blocks()).as("not started").isEmpty();
        for (int i = 0; i < 3; i++) {
            periodic.awaitNext();
        }
        assertThat(periodic.blocks()).hasValue(0);

        long blockedFor = 7_000_000;
        Thread.sleep(blockedFor / 1_000_000);
        voluntarySwitches[0]++;
        grid[0] = System.nanoTime();
        long[] lateness = new long[4];
        for (int i = 0; i < lateness.length; i++) {
            long deadline = periodic.awaitNext();
            lateness[i] = System.nanoTime() - deadline;
        }

        assertThat(periodic.blocks()).as("one job blocked").hasValue(1);
        for (int i = 0; i < lateness.length; i++) {
            assertThat(lateness[i]).as("activation %d after the block: behind the period the kernel started at the"
                    + " wake-up by its own delay, not by the %d ns the block moved it", i, blockedFor)
                    .isBetween(0L, blockedFor / 2);
        }
    }

    @Test
    void after_a_yield_a_whole_period_late_a_deadline_thread_follows_the_period_the_kernel_started_then()
            throws InterruptedException {
        long period = 20_000_000;
        long[] nextStart = {System.nanoTime() + period};
        Runnable kernel = () -> {
            long now = System.nanoTime();
            if (now - nextStart[0] >= period) {
                nextStart[0] = now + period;
                return;
            }
            for (long left = nextStart[0] - now; left > 0; left = nextStart[0] - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            nextStart[0] += period;
        };
        Periodic periodic = new Periodic(period, 0, 0, Periodic.Overrun.SKIP, 0, false, slept::add, kernel, () -> true,
                () -> 0);
        for (int i = 0; i < 3; i++) {
            periodic.awaitNext();
        }

        Thread.sleep(50);
        long lateOne = periodic.awaitNext();
        long lateAfterStall = System.nanoTime() - lateOne;
        long[] lateness = new long[4];
        for (int i = 0; i < lateness.length; i++) {
            long deadline = periodic.awaitNext();
            lateness[i] = System.nanoTime() - deadline;
        }

        assertThat(lateAfterStall).as("the late one, against the old grid").isBetween(0L, period);
        assertThat(periodic.skipped()).as("the periods the stall spanned").isGreaterThanOrEqualTo(1);
        assertThat(periodic.blocks()).as("not a block: the thread's switch count did not change").hasValue(0);
        for (int i = 0; i < lateness.length; i++) {
            assertThat(lateness[i]).as("activation %d after the stall: on the period the kernel started at the"
                    + " late return, not half a period off on the old grid", i).isBetween(0L, period / 4);
        }
    }

    @Test
    void without_a_count_of_context_switches_a_deadline_thread_reports_no_blocks() {
        Periodic periodic = new Periodic(1_000_000, 0, 0, Periodic.Overrun.SKIP, 0, false, slept::add, () -> { },
                () -> true, () -> -1);

        periodic.awaitNext();
        periodic.awaitNext();

        assertThat(periodic.blocks()).isEmpty();
    }

    @Test
    void the_with_methods_return_new_schedules_and_leave_the_original() {
        Periodic base = Periodic.every(Duration.ofMillis(5));

        Periodic tuned = base.withAlignment(Duration.ofSeconds(1)).withOffset(Duration.ofMillis(2))
                .withOverrun(Periodic.Overrun.CATCH_UP);

        assertThat(tuned).isNotSameAs(base);
        assertThat(base.alignment()).isZero();
        assertThat(base.offset()).isZero();
        assertThat(base.overrun()).isEqualTo(Periodic.Overrun.SKIP);
        assertThat(tuned.period()).isEqualTo(Duration.ofMillis(5));
        assertThat(tuned.alignment()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tuned.offset()).isEqualTo(Duration.ofMillis(2));
        assertThat(tuned.overrun()).isEqualTo(Periodic.Overrun.CATCH_UP);
        assertThat(tuned).hasToString("Periodic[every PT0.005S, aligned to PT1S, offset PT0.002S, CATCH_UP]");
    }

    @Test
    void invalid_durations_are_refused_with_the_rule() {
        assertThatThrownBy(() -> Periodic.every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period PT0S must be positive");
        assertThatThrownBy(() -> Periodic.every(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Periodic.every(Duration.ofDays(365L * 1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        Periodic periodic = Periodic.every(Duration.ofMillis(1));
        assertThatThrownBy(() -> periodic.withAlignment(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alignment PT-0.000000001S");
        assertThatThrownBy(() -> periodic.withOffset(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
    }

    /** A sleeper that wakes {@code latenessNanos} after each target, busy-waiting, and records the targets. */
    private AbsoluteSleeper lateBy(long latenessNanos) {
        return target -> {
            slept.add(target);
            long wake = target + latenessNanos;
            while (System.nanoTime() - wake < 0) {
                Thread.onSpinWait();
            }
        };
    }

    private static Periodic spinning(long period, long margin, boolean adaptive, AbsoluteSleeper sleeper) {
        return new Periodic(period, 0, 0, Periodic.Overrun.CATCH_UP, margin, adaptive, sleeper, () -> { },
                () -> false, () -> -1);
    }

    @Test
    void spin_finish_sleeps_until_the_margin_before_the_deadline_and_returns_at_the_deadline() {
        // A margin of 1 ms, so that a busy machine would have to preempt all 20 sleeps by that much to leave no spin.
        Periodic periodic = spinning(2_000_000, 1_000_000, false, lateBy(5_000));
        long start = System.nanoTime();

        for (int i = 0; i < 20; i++) {
            long deadline = periodic.awaitNext();
            long returned = System.nanoTime();

            assertThat(slept.get(i)).isEqualTo(deadline - 1_000_000);
            assertThat(returned).isGreaterThanOrEqualTo(deadline);
        }
        assertThat(periodic.activations()).isEqualTo(20);
        assertThat(periodic.spinMargin()).isEqualTo(Duration.ofNanos(1_000_000));
        assertThat(periodic.spinTime().toNanos()).as("the time between each wake-up and its deadline, 995 µs unless"
                + " the machine preempts the spin").isPositive().isLessThan(System.nanoTime() - start);
    }

    @Test
    void a_sleep_that_wakes_after_the_deadline_spins_not_at_all() {
        Periodic periodic = spinning(200_000, 10_000, false, lateBy(30_000));

        for (int i = 0; i < 10; i++) {
            periodic.awaitNext();
        }

        assertThat(periodic.spinTime()).isZero();
    }

    @Test
    void the_adaptive_margin_starts_at_100_us_and_then_covers_the_lateness_of_the_sleeps() {
        Periodic periodic = new Periodic(1_000_000, 0, 0, Periodic.Overrun.SKIP, 0, true, lateBy(20_000), () -> { },
                () -> false, () -> -1);
        assertThat(periodic.spinMargin()).isEqualTo(Periodic.ADAPTIVE_SPIN_INITIAL);

        for (int i = 0; i < 20_000 && periodic.spinMargin().equals(Periodic.ADAPTIVE_SPIN_INITIAL); i++) {
            periodic.awaitNext();
        }

        assertThat(periodic.spinMargin().toNanos()).as("at least the 20 µs every sleep is late by; more where this"
                + " machine's load preempted the spinning sleeper, at most half the period")
                .isBetween(20_000L, 500_000L);
        long firstDeadline = slept.get(0) + Periodic.ADAPTIVE_SPIN_INITIAL.toNanos();
        periodic.awaitNext();
        long lastDeadline = slept.get(slept.size() - 1) + periodic.spinMargin().toNanos();
        assertThat(Math.floorMod(lastDeadline - firstDeadline, 1_000_000L))
                .as("the next sleep ends the learned margin before a deadline on the grid").isZero();
    }

    @Test
    void on_a_deadline_thread_each_job_ends_with_a_yield_and_the_activations_follow_the_kernels_period() {
        long period = 200_000_000;
        long kernelGrid = System.nanoTime() + period;
        long[] yieldReturns = {kernelGrid + period / 2, kernelGrid + period, kernelGrid + 4 * period + period / 20};
        int[] yields = new int[1];
        Runnable kernelYield = () -> {
            long until = yieldReturns[yields[0]++];
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
        };
        DeadlineThreads.markCurrent();
        try {
            Periodic periodic = new Periodic(period, 7_000, 3_000, Periodic.Overrun.CATCH_UP, 10_000, false,
                    slept::add, kernelYield, DeadlineThreads::isCurrent, () -> 0);

            long first = periodic.awaitNext();
            long second = periodic.awaitNext();
            long afterSecond = System.nanoTime();
            long third = periodic.awaitNext();

            assertThat(yields[0]).isEqualTo(3);
            assertThat(slept).as("a deadline thread never sleeps in a job").isEmpty();
            assertThat(first).as("the first activation is when the first yield returned, alignment and offset"
                    + " do not apply").isGreaterThanOrEqualTo(yieldReturns[0]).isLessThan(yieldReturns[1]);
            assertThat(second).as("the second yield returned before first + period: the kernel's grid is earlier")
                    .isGreaterThanOrEqualTo(yieldReturns[1]).isLessThanOrEqualTo(afterSecond)
                    .isLessThan(first + period);
            assertThat(third - second).as("two periods missed, then on the grid again").isEqualTo(3 * period);
            assertThat(periodic.skipped()).isEqualTo(2);
            assertThat(periodic.spinTime()).isZero();
        } finally {
            DeadlineThreads.clearCurrent();
        }
    }

    @Test
    void other_threads_never_yield() {
        int[] yields = new int[1];
        Periodic periodic = new Periodic(1_000_000, 0, 0, Periodic.Overrun.CATCH_UP, 0, false, slept::add,
                () -> yields[0]++, () -> false, () -> -1);

        periodic.awaitNext();
        periodic.awaitNext();

        assertThat(yields[0]).isZero();
    }

    @Test
    void a_spin_margin_must_lie_between_zero_and_the_period() {
        Periodic periodic = Periodic.every(Duration.ofMillis(1));

        assertThatThrownBy(() -> periodic.withSpin(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spin margin PT-0.000000001S must be zero (no spinning) up to the period PT0.001S");
        assertThatThrownBy(() -> periodic.withSpin(Duration.ofMillis(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("up to the period");
        assertThat(periodic.withSpin(Duration.ofNanos(50_000))).hasToString(
                "Periodic[every PT0.001S, aligned to PT0S, offset PT0S, SKIP, spin PT0.00005S]");
        assertThat(periodic.withAdaptiveSpin().withOffset(Duration.ofNanos(5)).adaptiveSpin()).isTrue();
        assertThat(periodic.withSpin(Duration.ofNanos(7)).withAlignment(Duration.ofSeconds(1)).spinMargin())
                .isEqualTo(Duration.ofNanos(7));
    }
}
