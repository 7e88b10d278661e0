package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
