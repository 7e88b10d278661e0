package io.github.lllqos.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.LowLatency;
import io.github.lllqos.LowLatencyException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Without a provider (no provider on this module's test class path), topology and reservations do no harm. */
class NoProviderTopologyTest {

    @Test
    void the_topology_is_assumed_from_the_jvms_processor_count_and_says_so() {
        assertThat(LowLatency.providerName()).isEqualTo("none");
        CpuTopology topology = CpuTopology.current();
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(topology.cpus()).hasSize(processors);
        assertThat(topology.cores()).hasSize(processors);
        assertThat(topology.packages()).hasSize(1);
        assertThat(topology.usable()).hasSize(processors);
        assertThat(topology.limitation().orElseThrow()).contains("provider 'none'").contains("assumed");
    }

    @Test
    void a_reservation_is_not_acquired_and_says_why_and_require_acquired_makes_it_an_error() {
        try (CpuReservation cpu = CpuReservation.acquire()) {
            assertThat(cpu.acquired()).isFalse();
            assertThat(cpu.cpus()).isEmpty();
            assertThat(cpu.pinnedCpu()).isEmpty();
            assertThat(cpu.refused()).hasValue(CpuReservation.Refused.UNSUPPORTED);
            assertThat(cpu.notAcquiredReason().orElseThrow()).contains("provider 'none' cannot reserve CPUs");
            assertThatThrownBy(cpu::requireAcquired).isInstanceOf(LowLatencyException.class)
                    .hasMessageContaining("no CPU reserved");
        }
        assertThat(CpuReservation.holdersNow()).isEmpty();
        assertThat(CpuReservation.lockLocation()).isEmpty();
    }

    @Test
    void a_reserving_thread_factorys_thread_still_runs_its_task_unreserved() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Thread thread = ReservingThreadFactory.named("worker").build().newThread(() -> ran.set(
                ReservingThreadFactory.currentReservation().map(cpu -> !cpu.acquired()).orElse(false)));
        thread.start();
        thread.join(20_000);
        assertThat(ran).isTrue();
        assertThat(thread.getName()).isEqualTo("worker-0");
    }

    @Test
    void empty_strategies_and_a_time_sharing_policy_are_rejected_naming_the_rule() {
        assertThatThrownBy(() -> ReservingThreadFactory.named("w").strategies())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ReservingThreadFactory.named("w").realtime(
                io.github.lllqos.realtime.SchedPolicy.OTHER, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FIFO or RR");
        assertThatThrownBy(() -> ReservingThreadFactory.named("w").realtime(
                io.github.lllqos.realtime.SchedPolicy.FIFO, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100");
    }
}
