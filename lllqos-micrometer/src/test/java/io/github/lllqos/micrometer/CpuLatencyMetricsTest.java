package io.github.lllqos.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Against the simulated kernel (lllqos-fake is on the test class path): the gauges follow the leases. */
class CpuLatencyMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void the_gauges_follow_the_leases_this_jvm_holds_and_the_kernels_limit() {
        new CpuLatencyMetrics().bindTo(registry);
        assertThat(registry.get(CpuLatencyMetrics.LEASES).gauge().getId().getTag("provider")).isEqualTo("fake");
        assertThat(leases()).isZero();
        assertThat(registry.get(CpuLatencyMetrics.LEASE_TARGET).timeGauge().value(TimeUnit.SECONDS)).isNaN();

        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(50)) {
            assertThat(leases()).isEqualTo(1);
            assertThat(seconds(CpuLatencyMetrics.LEASE_TARGET)).isCloseTo(50e-6, within(1e-12));
            assertThat(seconds(CpuLatencyMetrics.LIMIT)).isCloseTo(50e-6, within(1e-12));
            try (CpuLatencyLease lower = LowLatency.lowWakeupLatency(20)) {
                assertThat(leases()).isEqualTo(2);
                assertThat(seconds(CpuLatencyMetrics.LEASE_TARGET)).isCloseTo(20e-6, within(1e-12));
                assertThat(seconds(CpuLatencyMetrics.LIMIT)).isCloseTo(20e-6, within(1e-12));
            }
            lease.update(70);
            assertThat(seconds(CpuLatencyMetrics.LEASE_TARGET)).isCloseTo(70e-6, within(1e-12));
        }
        assertThat(leases()).isZero();
        assertThat(seconds(CpuLatencyMetrics.LIMIT)).as("the kernel's default: 2,000,000,000 µs")
                .isCloseTo(2000, within(1e-9));
    }

    private double leases() {
        return registry.get(CpuLatencyMetrics.LEASES).gauge().value();
    }

    private double seconds(String name) {
        return registry.get(name).timeGauge().value(TimeUnit.SECONDS);
    }
}
