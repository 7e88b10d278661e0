/**
 * Micrometer meters of the wake-up monitor and the CPU latency leases.
 *
 * <pre>{@code
 * new CpuLatencyMetrics().bindTo(registry);
 * try (WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults());
 *      WakeupMonitorMetrics metrics = new WakeupMonitorMetrics(monitor)) {
 *     metrics.bindTo(registry);
 *     runTheApplication();
 * }
 * }</pre>
 */
package io.github.lllqos.micrometer;
