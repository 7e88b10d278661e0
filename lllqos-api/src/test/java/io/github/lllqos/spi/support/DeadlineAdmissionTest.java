package io.github.lllqos.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.realtime.DeadlineParameters;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The kernel's admission rule for SCHED_DEADLINE threads, and the reason it gives. */
class DeadlineAdmissionTest {

    private static final DeadlineParameters HALF_A_CPU = DeadlineParameters.ofNanos(500_000, 1_000_000, 1_000_000);

    @Test
    void a_root_domain_admits_up_to_its_cpus_times_the_real_time_share() {
        DeadlineAdmission twoCpus = new DeadlineAdmission(950_000, 1_000_000, 2);

        assertThat(twoCpus.limit()).isEqualTo(1.9);
        assertThat(twoCpus.admits(HALF_A_CPU, 1.4)).isTrue();
        assertThat(twoCpus.admits(HALF_A_CPU, 1.41)).isFalse();
        assertThat(new DeadlineAdmission(-1, 1_000_000, 1).admits(HALF_A_CPU, 100)).as("-1: no limit").isTrue();
    }

    @Test
    void the_refusal_gives_the_figures_and_the_ways_out() {
        String reason = new DeadlineAdmission(950_000, 1_000_000, 2).refusal(HALF_A_CPU, OptionalDouble.of(1.6));

        assertThat(reason).isEqualTo("admission control refused the bandwidth: this thread asks for 50.0% of a CPU"
                + " (runtime 500000 ns per period 1000000 ns) on top of 160.0% held by the deadline threads already"
                + " admitted, while deadline threads may hold at most sched_rt_runtime_us / sched_rt_period_us ="
                + " 950000 / 1000000 µs = 95.0% of each of the root domain's 2 CPUs (190.0% in all): ask for less"
                + " runtime or a longer period, end other deadline threads, or raise"
                + " /proc/sys/kernel/sched_rt_runtime_us (-1 turns admission control off)");
    }

    @Test
    void impossible_figures_are_refused() {
        assertThatThrownBy(() -> new DeadlineAdmission(-2, 1_000_000, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2 / 1000000 µs on 2 CPUs");
        assertThatThrownBy(() -> new DeadlineAdmission(950_000, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeadlineAdmission(950_000, 1_000_000, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
