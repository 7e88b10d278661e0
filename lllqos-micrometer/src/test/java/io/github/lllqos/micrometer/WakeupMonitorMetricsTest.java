package io.github.lllqos.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.lllqos.monitor.LatenessCause;
import io.github.lllqos.monitor.MonitorReport;
import io.github.lllqos.monitor.MonitorSettings;
import io.github.lllqos.monitor.WakeupMonitor;
import io.github.lllqos.realtime.SchedPolicy;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WakeupMonitorMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void the_meters_say_what_the_monitors_report_says() throws InterruptedException {
        MonitorSettings settings = MonitorSettings.defaults().withScheduling(SchedPolicy.OTHER, 0)
                .withLateThreshold(Duration.ofNanos(2_000));
        long before;
        long bound;
        MonitorReport report;
        Timer lateness;
        try (WakeupMonitorMetrics metrics = new WakeupMonitorMetrics(WakeupMonitor.start(settings),
                Duration.ofMillis(100))) {
            WakeupMonitor monitor = metrics.monitor();
            before = monitor.report().samples();
            metrics.bindTo(registry);
            bound = monitor.report().samples();
            lateness = registry.get(WakeupMonitorMetrics.LATENESS).timer();
            for (int i = 0; i < 100 && lateness.count() < 500; i++) {
                Thread.sleep(100);
            }
            monitor.close();
            metrics.close();
            report = monitor.report();
        }

        assertThat(lateness.count()).as("every wake-up since the binding, moved by the feed")
                .isPositive().isBetween(report.samples() - bound, report.samples() - before);
        assertThat(lateness.max(TimeUnit.NANOSECONDS)).isLessThanOrEqualTo(report.lateness().maxNanos() * 1.001);
        ValueAtPercentile[] percentiles = lateness.takeSnapshot().percentileValues();
        assertThat(Arrays.stream(percentiles).map(ValueAtPercentile::percentile))
                .containsExactly(0.5, 0.99, 0.999);
        assertThat(percentiles[0].value()).isPositive().isLessThanOrEqualTo(percentiles[1].value());
        assertThat(percentiles[1].value()).isLessThanOrEqualTo(percentiles[2].value());

        long late = 0;
        for (LatenessCause cause : LatenessCause.values()) {
            FunctionCounter counter = registry.get(WakeupMonitorMetrics.LATE).tag("cause", cause.key())
                    .functionCounter();
            assertThat(counter.count()).isEqualTo(report.cause(cause).count());
            assertThat(registry.get(WakeupMonitorMetrics.LATE_MAX).tag("cause", cause.key()).timeGauge()
                    .value(TimeUnit.NANOSECONDS)).as("the largest lateness of the cause, as the report's max_ns")
                    .isCloseTo(report.cause(cause).maxNanos(), within(1.0));
            late += report.cause(cause).count();
        }
        assertThat(late).as("at a 2 µs threshold some wake-ups are late").isPositive();
        FunctionTimer pauses = registry.get(WakeupMonitorMetrics.JVM_PAUSES).functionTimer();
        assertThat(pauses.count()).isEqualTo(report.jvmPauses().count());
        // Through Micrometer's base unit (seconds) and back: equal to the nanosecond up to the double's rounding.
        assertThat(pauses.totalTime(TimeUnit.NANOSECONDS)).isCloseTo(report.jvmPauses().totalNanos(), within(1.0));
        assertThat(registry.get(WakeupMonitorMetrics.LATE_THRESHOLD).timeGauge().value(TimeUnit.NANOSECONDS))
                .isEqualTo(2_000);
    }

    @Test
    void a_feed_period_outside_the_range_is_refused_with_the_rule() {
        try (WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults()
                .withScheduling(SchedPolicy.OTHER, 0))) {
            assertThatThrownBy(() -> new WakeupMonitorMetrics(monitor, Duration.ofMillis(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("feed period PT0.001S must be from 10 ms"
                            + " to 1 minute");
        }
    }

}
