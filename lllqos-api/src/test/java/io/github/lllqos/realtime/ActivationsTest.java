package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The activation grid: aligned starts, exact multiples of the period, skips that never land in the past;
 * checked on edge cases and on seeded random ones (the seed is the repetition, so a failure reproduces).
 */
class ActivationsTest {

    private static final long MAX_TIME = 1_000_000_000_000_000L;
    private static final long MAX_PERIOD = 10_000_000_000L;

    @Test
    void the_first_activation_without_alignment_is_a_period_after_the_start_plus_the_offset() {
        assertThat(Activations.first(1_000, 500, 0, 0)).isEqualTo(1_500);
        assertThat(Activations.first(1_000, 500, 0, 30)).isEqualTo(1_530);
    }

    @Test
    void the_first_activation_is_rounded_up_to_the_alignment_then_offset() {
        assertThat(Activations.first(1_200, 500, 1_000, 0)).isEqualTo(2_000);
        assertThat(Activations.first(1_500, 500, 1_000, 0)).as("already aligned").isEqualTo(2_000);
        assertThat(Activations.first(1_200, 500, 1_000, 250)).isEqualTo(2_250);
    }

    @Test
    void skipping_takes_the_first_activation_not_before_now() {
        assertThat(Activations.next(1_000, 100, 1_050, Periodic.Overrun.SKIP)).isEqualTo(1_100);
        assertThat(Activations.next(1_000, 100, 1_100, Periodic.Overrun.SKIP)).isEqualTo(1_100);
        assertThat(Activations.next(1_000, 100, 1_101, Periodic.Overrun.SKIP)).isEqualTo(1_200);
        assertThat(Activations.next(1_000, 100, 1_350, Periodic.Overrun.SKIP)).isEqualTo(1_400);
        assertThat(Activations.next(1_000, 100, 1_350, Periodic.Overrun.CATCH_UP)).isEqualTo(1_100);
    }

    @RepeatedTest(200)
    void random_first_activations_are_aligned_and_within_one_alignment_of_the_earliest(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        long start = random.nextLong(MAX_TIME);
        long period = 1 + random.nextLong(MAX_PERIOD);
        long alignment = random.nextInt(10) == 0 ? 0 : 1 + random.nextLong(MAX_PERIOD);
        long offset = random.nextLong(MAX_PERIOD);

        long aligned = Activations.first(start, period, alignment, offset) - offset;

        if (alignment == 0) {
            assertThat(aligned).isEqualTo(start + period);
        } else {
            assertThat(Math.floorMod(aligned, alignment)).isZero();
            assertThat(aligned).isGreaterThanOrEqualTo(start + period).isLessThan(start + period + alignment);
        }
    }

    @RepeatedTest(200)
    void random_skips_stay_on_the_grid_and_land_on_the_first_activation_not_in_the_past(RepetitionInfo repetition) {
        Step step = Step.drawn(repetition);
        long previous = step.previous();
        long period = step.period();
        long now = step.now();

        long next = Activations.next(previous, period, now, Periodic.Overrun.SKIP);

        assertThat((next - previous) % period).isZero();
        assertThat(next).isGreaterThanOrEqualTo(previous + period).isGreaterThanOrEqualTo(now);
        if (next > previous + period) {
            assertThat(next - period).isLessThan(now);
        }
        assertThat(Activations.next(previous, period, now, Periodic.Overrun.CATCH_UP)).isEqualTo(previous + period);
    }

    @Test
    void a_deadline_threads_yield_that_returns_early_moves_the_grid_to_it() {
        assertThat(Activations.onDeadlineGrid(1_000, 100, 1_060)).as("the kernel's period began earlier")
                .isEqualTo(1_060);
        assertThat(Activations.onDeadlineGrid(1_000, 100, 1_100)).isEqualTo(1_100);
        assertThat(Activations.onDeadlineGrid(1_000, 100, 1_130)).as("late by 30").isEqualTo(1_100);
        assertThat(Activations.onDeadlineGrid(1_000, 100, 1_399)).as("two periods missed").isEqualTo(1_300);
    }

    @RepeatedTest(200)
    void random_deadline_activations_are_never_after_now_and_on_the_grid_unless_early(RepetitionInfo repetition) {
        Step step = Step.drawn(repetition);

        long activation = Activations.onDeadlineGrid(step.previous(), step.period(), step.now());

        assertThat(activation).isLessThanOrEqualTo(step.now());
        if (step.now() < step.previous() + step.period()) {
            assertThat(activation).as("early: the kernel's grid lies earlier").isEqualTo(step.now());
        } else {
            assertThat((activation - step.previous()) % step.period()).isZero();
            assertThat(step.now() - activation).isLessThan(step.period());
        }
    }

    /** A previous activation, a period and a time now, seeded by the repetition. */
    private record Step(long previous, long period, long now) {

        static Step drawn(RepetitionInfo repetition) {
            SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
            long previous = random.nextLong(MAX_TIME);
            long period = 1 + random.nextLong(random.nextBoolean() ? 1_000 : MAX_PERIOD);
            return new Step(previous, period, previous + random.nextLong(10 * MAX_PERIOD));
        }
    }
}
