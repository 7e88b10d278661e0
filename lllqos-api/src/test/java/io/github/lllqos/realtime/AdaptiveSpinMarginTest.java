package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The learned spin margin: the 99.9th percentile of recent sleep lateness, within its bounds. */
class AdaptiveSpinMarginTest {

    @Test
    void until_the_warm_up_ends_the_margin_is_100_us_or_half_a_short_period() {
        AdaptiveSpinMargin margin = new AdaptiveSpinMargin(1_000_000);
        for (int i = 0; i < Periodic.ADAPTIVE_WARM_UP - 1; i++) {
            margin.record(3_000);
        }

        assertThat(margin.nanos()).isEqualTo(100_000);
        assertThat(new AdaptiveSpinMargin(60_000).nanos()).isEqualTo(30_000);
    }

    @Test
    void after_the_warm_up_the_margin_is_the_upper_edge_of_the_999th_permille_bucket() {
        AdaptiveSpinMargin margin = new AdaptiveSpinMargin(1_000_000);

        for (int i = 0; i < 2_000; i++) {
            margin.record(i % 1000 == 999 ? 90_000 : 12_300 + i % 7);
        }

        assertThat(margin.samples()).isEqualTo(2_000);
        assertThat(margin.upperBound(0.999)).as("2 of 2,000 at 90 µs lie above the 99.9th percentile")
                .isEqualTo(12_500);
        assertThat(margin.nanos()).isEqualTo(12_500);
        assertThat(margin.upperBound(0.9999)).isEqualTo(90_500);
    }

    @Test
    void the_margin_is_never_below_1_us_nor_above_500_us_or_half_the_period() {
        AdaptiveSpinMargin punctual = new AdaptiveSpinMargin(1_000_000);
        AdaptiveSpinMargin veryLate = new AdaptiveSpinMargin(10_000_000);
        AdaptiveSpinMargin shortPeriod = new AdaptiveSpinMargin(100_000);

        for (int i = 0; i < 1_000; i++) {
            punctual.record(-50);
            veryLate.record(2_000_000);
            shortPeriod.record(80_000);
        }

        assertThat(punctual.nanos()).isEqualTo(Periodic.ADAPTIVE_SPIN_MIN.toNanos());
        assertThat(veryLate.upperBound(0.999)).as("beyond the histogram").isEqualTo(Long.MAX_VALUE);
        assertThat(veryLate.nanos()).isEqualTo(Periodic.ADAPTIVE_SPIN_MAX.toNanos());
        assertThat(shortPeriod.nanos()).isEqualTo(50_000);
    }

    @Test
    void old_samples_fade_so_the_margin_follows_a_machine_that_became_quieter() {
        AdaptiveSpinMargin margin = new AdaptiveSpinMargin(1_000_000);
        for (int i = 0; i < 4_000; i++) {
            margin.record(60_000);
        }
        assertThat(margin.nanos()).isEqualTo(60_500);

        for (int i = 0; i < 45_000; i++) {
            margin.record(5_000);
        }

        assertThat(margin.nanos()).isEqualTo(5_500);
    }
}
