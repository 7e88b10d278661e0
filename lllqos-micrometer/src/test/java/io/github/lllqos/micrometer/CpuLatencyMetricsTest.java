package io.github.lllqos.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Against the simulated kernel (lllqos-fake is on the test class path): the gauges follow the leases. */
class CpuLatencyMetricsTest {

    /** Long enough that only the test refreshes the targets' gauges. */
    private static final Duration NO_REFRESH = Duration.ofMinutes(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void the_gauges_follow_the_leases_this_jvm_holds_and_the_kernels_limit() {
        try (CpuLatencyMetrics metrics = new CpuLatencyMetrics(NO_REFRESH)) {
            metrics.bindTo(registry);
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
    }

    @Test
    void each_target_held_has_a_gauge_that_counts_the_leases_at_it() {
        try (CpuLatencyMetrics metrics = new CpuLatencyMetrics(NO_REFRESH)) {
            metrics.bindTo(registry);
            assertThat(targets()).isEmpty();

            try (CpuLatencyLease fifty = LowLatency.lowWakeupLatency(50)) {
                try (CpuLatencyLease twenty = LowLatency.lowWakeupLatency(20);
                     CpuLatencyLease alsoTwenty = LowLatency.lowWakeupLatency(20)) {
                    metrics.refresh();
                    assertThat(targets()).containsExactly(entry("20", 2.0), entry("50", 1.0));
                }
                assertThat(targets()).as("read when asked: until the next refresh a target let go reads 0")
                        .containsExactly(entry("20", 0.0), entry("50", 1.0));
                metrics.refresh();
                assertThat(targets()).as("the gauge of a target no longer held is gone")
                        .containsExactly(entry("50", 1.0));
            }
            metrics.refresh();
            assertThat(targets()).isEmpty();
        }
    }

    @Test
    void the_binders_own_thread_gives_a_target_newly_held_its_gauge() throws InterruptedException {
        try (CpuLatencyMetrics metrics = new CpuLatencyMetrics(Duration.ofMillis(10));
             CpuLatencyLease lease = LowLatency.lowWakeupLatency(30)) {
            metrics.bindTo(registry);
            try (CpuLatencyLease later = LowLatency.lowWakeupLatency(40)) {
                for (int i = 0; i < 500 && !targets().containsKey("40"); i++) {
                    Thread.sleep(10);
                }
                assertThat(targets()).containsExactly(entry("30", 1.0), entry("40", 1.0));
            }
        }
    }

    @Test
    void in_prometheus_each_target_is_a_series_of_its_own_beside_the_count_of_leases() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (CpuLatencyMetrics metrics = new CpuLatencyMetrics(NO_REFRESH);
             CpuLatencyLease lease = LowLatency.lowWakeupLatency(20)) {
            metrics.bindTo(prometheus);
            assertThat(prometheus.scrape().lines()).as("the series docs/grafana-dashboard.json queries")
                    .contains("# TYPE lllqos_cpu_latency_lease_targets gauge",
                            "lllqos_cpu_latency_lease_targets{target=\"20\"} 1.0",
                            "lllqos_cpu_latency_leases{provider=\"fake\"} 1.0",
                            "lllqos_cpu_latency_lease_target_seconds 2.0E-5");
        } finally {
            prometheus.close();
        }
    }

    @Test
    void a_refresh_period_outside_the_range_is_refused_with_the_rule() {
        assertThatThrownBy(() -> new CpuLatencyMetrics(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refresh period PT2M must be from 10 ms to 1 minute");
    }

    @Test
    void a_closed_binder_binds_no_more() {
        CpuLatencyMetrics metrics = new CpuLatencyMetrics();
        metrics.close();
        assertThatThrownBy(() -> metrics.bindTo(registry)).isInstanceOf(IllegalStateException.class)
                .hasMessage("these CPU latency metrics are closed");
    }

    private double leases() {
        return registry.get(CpuLatencyMetrics.LEASES).gauge().value();
    }

    private double seconds(String name) {
        return registry.get(name).timeGauge().value(TimeUnit.SECONDS);
    }

    /** The targets' gauges: their value by their {@code target} tag. */
    private Map<String, Double> targets() {
        return registry.find(CpuLatencyMetrics.LEASE_TARGETS).gauges().stream().collect(Collectors.toMap(
                gauge -> gauge.getId().getTag("target"), Gauge::value, (a, b) -> a, TreeMap::new));
    }
}
