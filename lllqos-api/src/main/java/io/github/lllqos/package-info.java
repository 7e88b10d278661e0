/**
 * Low wake-up latency for JVM threads on Linux: the CPU latency lease and the results every part shares.
 *
 * <p>{@link io.github.lllqos.LowLatency} holds a PM QoS CPU latency request for the life of a
 * try-with-resources block ({@link io.github.lllqos.CpuLatencyLease}), or does nothing, harmlessly, and says why.
 * {@link io.github.lllqos.ProviderSelection} tells which provider is in use. {@link io.github.lllqos.Outcome} and
 * {@link io.github.lllqos.LowLatencyException} are what every setting returns or throws.
 */
package io.github.lllqos;
