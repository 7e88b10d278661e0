package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CyclicSettingsTest {

    @Test
    void a_cpu_list_takes_numbers_and_ranges_in_order_and_threads_take_them_round_robin() {
        CpuRotation cpus = CpuRotation.parse("3-5,0");

        assertThat(cpus.cpus()).containsExactly(3, 4, 5, 0);
        assertThat(cpus.cpuFor(0)).isEqualTo(3);
        assertThat(cpus.cpuFor(3)).isEqualTo(0);
        assertThat(cpus.cpuFor(4)).isEqualTo(3);
    }

    @Test
    void durations_take_cyclictests_suffixes() {
        assertThat(RunDuration.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(RunDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(RunDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(RunDuration.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(RunDuration.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(RunDuration.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void the_longest_duration_is_the_last_whole_day_whose_nanoseconds_fit_in_a_long() {
        assertThat(RunDuration.parse("106751d").toNanos()).isEqualTo(Duration.ofDays(106_751).toNanos());
        assertThat(RunDuration.parse("999999999s").toNanos()).isEqualTo(999_999_999_000_000_000L);
    }

    @Test
    void a_realtime_policy_needs_a_priority_and_another_policy_refuses_one() {
        assertThatThrownBy(() -> new CyclicSettings(1000, 500, 0, SchedPolicy.FIFO, 0, false, Optional.empty(), 1, 0,
                OptionalInt.of(0), Duration.ZERO)).hasMessage("-p priority must be 1..99 for policy fifo, was 0");
        assertThatThrownBy(() -> new CyclicSettings(1000, 500, 0, SchedPolicy.BATCH, 5, false, Optional.empty(), 1, 0,
                OptionalInt.of(0), Duration.ZERO)).hasMessage("-p priority must be 0 for policy batch, was 5");
    }

    @Test
    void policies_are_read_by_cyclictests_names() {
        assertThat(PolicyNames.parse("normal")).isEqualTo(SchedPolicy.OTHER);
        assertThat(PolicyNames.parse("FIFO")).isEqualTo(SchedPolicy.FIFO);
        assertThat(PolicyNames.parse("idle")).isEqualTo(SchedPolicy.IDLE);
    }

    @Test
    void each_further_thread_runs_a_distance_slower_unless_a_histogram_is_kept() {
        CyclicSettings plain = new CyclicSettings(1000, 500, 0, SchedPolicy.OTHER, 0, false, Optional.empty(), 3, 0,
                OptionalInt.of(0), Duration.ZERO);
        CyclicSettings histogram = new CyclicSettings(1000, 500, 0, SchedPolicy.OTHER, 0, false, Optional.empty(), 3,
                100, OptionalInt.of(0), Duration.ZERO);

        assertThat(plain.intervalMicros(2)).isEqualTo(2000);
        assertThat(histogram.intervalMicros(2)).isEqualTo(1000);
    }
}
