/**
 * Micrometer meters for lllqos: {@link io.github.lllqos.micrometer.WakeupMonitorMetrics} for the wake-up monitor
 * and {@link io.github.lllqos.micrometer.CpuLatencyMetrics} for the CPU latency leases. docs/metrics.md lists every
 * meter.
 */
// Micrometer publishes automatic module names only: it is required by them until it has modules.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.lllqos.micrometer {
    requires transitive io.github.lllqos;
    requires transitive io.github.lllqos.monitor;
    requires transitive micrometer.core;
    requires static micrometer.registry.prometheus;
    requires static jdk.httpserver;

    exports io.github.lllqos.micrometer;
}
