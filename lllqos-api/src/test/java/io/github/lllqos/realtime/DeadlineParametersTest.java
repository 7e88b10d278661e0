package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The kernel's rule for SCHED_DEADLINE parameters, checked before any call. */
class DeadlineParametersTest {

    @Test
    void the_smallest_and_the_largest_parameters_the_kernel_takes_are_accepted() {
        DeadlineParameters smallest = DeadlineParameters.ofNanos(1024, 1024, 1024);
        DeadlineParameters largest = DeadlineParameters.ofNanos(1024, Long.MAX_VALUE, Long.MAX_VALUE);

        assertThat(smallest.bandwidth()).isEqualTo(1.0);
        assertThat(largest.periodNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(DeadlineParameters.ofNanos(250_000, 500_000, 1_000_000).bandwidth()).isEqualTo(0.25);
    }

    @Test
    void each_broken_rule_is_named_with_the_value() {
        assertThatThrownBy(() -> DeadlineParameters.ofNanos(1023, 2000, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runtime 1023 ns is below 1024 ns (SCHED_DEADLINE needs 1024 ns <= runtime <= deadline"
                        + " <= period < 2^63 ns)");
        assertThatThrownBy(() -> DeadlineParameters.ofNanos(2000, 1999, 3000))
                .hasMessageStartingWith("deadline 1999 ns is shorter than the runtime 2000 ns");
        assertThatThrownBy(() -> DeadlineParameters.ofNanos(2000, 3000, 2999))
                .hasMessageStartingWith("period 2999 ns is shorter than the deadline 3000 ns");
        assertThatThrownBy(() -> new DeadlineParameters(Duration.ofNanos(-5), Duration.ofMillis(1),
                Duration.ofMillis(1))).hasMessageStartingWith("runtime PT-0.000000005S is negative");
        assertThatThrownBy(() -> new DeadlineParameters(Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofNanos(Long.MAX_VALUE).plusNanos(1))).hasMessageContaining("is not below 2^63 ns");
    }
}
