/**
 * Micrometer meters of the wake-up monitor and the CPU latency leases.
 *
 * <pre>{@code
 * try (CpuLatencyMetrics leases = new CpuLatencyMetrics();
 *      WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults());
 *      WakeupMonitorMetrics metrics = new WakeupMonitorMetrics(monitor)) {
 *     leases.bindTo(registry);
 *     metrics.bindTo(registry);
 *     runTheApplication();
 * }
 * }</pre>
 */
package io.github.lllqos.micrometer;
