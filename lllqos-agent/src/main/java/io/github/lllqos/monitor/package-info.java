/**
 * The wake-up monitor: {@link io.github.lllqos.monitor.WakeupMonitor} runs a periodic thread, records the lateness
 * of every wake-up without allocating, and attributes each late one to a {@link
 * io.github.lllqos.monitor.LatenessCause}; {@link io.github.lllqos.monitor.MonitorReport} is what it found, as
 * numbers, JSON and advice.
 *
 * <pre>{@code
 * try (WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults())) {
 *     runTheApplication();
 *     System.out.println(monitor.report().toText());
 * }
 * }</pre>
 */
package io.github.lllqos.monitor;
