package io.github.lllqos.cpuidle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResumeLatencyTest {

    @Test
    void the_kernel_form_0_means_no_constraint() {
        ResumeLatency value = ResumeLatency.parse("0");

        assertThat(value.isNoConstraint()).isTrue();
        assertThat(value.limitMicros()).isEmpty();
        assertThat(value.kernelForm()).isEqualTo("0");
        assertThat(value).hasToString("0 (no constraint)");
    }

    @Test
    void the_kernel_form_n_a_means_the_strictest_limit_of_0_micros() {
        ResumeLatency value = ResumeLatency.parse("n/a\n");

        assertThat(value).isEqualTo(ResumeLatency.strictest()).isEqualTo(ResumeLatency.ofMicros(0));
        assertThat(value.limitMicros()).hasValue(0);
        assertThat(value.kernelForm()).isEqualTo("n/a");
    }

    @Test
    void a_decimal_number_is_a_limit_in_micros_written_back_in_decimal() {
        ResumeLatency value = ResumeLatency.parse("010");

        assertThat(value.limitMicros()).hasValue(10);
        assertThat(value.kernelForm()).as("the kernel would read 010 as octal 8").isEqualTo("10");
        assertThat(ResumeLatency.parse(" 2147483646 ")).isEqualTo(ResumeLatency.ofMicros(ResumeLatency.MAX_MICROS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2147483647", "99999999999", "abc", "", "0x10", "1.5", "n/a/"})
    void text_the_kernel_refuses_is_refused_naming_it_and_the_accepted_forms(String text) {
        assertThatThrownBy(() -> ResumeLatency.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("'n/a'")
                .hasMessageContaining("1.." + ResumeLatency.MAX_MICROS);
    }

    @Test
    void micros_outside_the_kernel_range_are_refused_naming_the_value() {
        assertThatThrownBy(() -> ResumeLatency.ofMicros(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5").hasMessageContaining("0.." + ResumeLatency.MAX_MICROS);
        assertThatThrownBy(() -> ResumeLatency.ofMicros(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2147483647");
    }

    @Test
    void the_governor_applies_the_lower_of_the_cpu_value_and_the_system_wide_limit() {
        assertThat(ResumeLatency.noConstraint().governorLimitMicros(2_000_000_000)).isEqualTo(2_000_000_000);
        assertThat(ResumeLatency.strictest().governorLimitMicros(50)).isZero();
        assertThat(ResumeLatency.ofMicros(20).governorLimitMicros(50)).isEqualTo(20);
        assertThat(ResumeLatency.ofMicros(20).governorLimitMicros(5)).isEqualTo(5);
    }

    @Test
    void an_idle_state_is_blocked_only_when_its_exit_latency_exceeds_the_limit() {
        IdleState c1e = new IdleState(0, 2, "C1E", 10, false, 0);

        assertThat(c1e.blockedBy(9)).isTrue();
        assertThat(c1e.blockedBy(10)).isFalse();
        assertThat(new IdleState(0, 0, "POLL", 0, false, 0).blockedBy(0)).isFalse();
    }
}
