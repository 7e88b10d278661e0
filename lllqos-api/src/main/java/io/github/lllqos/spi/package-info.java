/**
 * The provider interfaces: what a backend (the Linux kernel, a simulated kernel) implements, found with
 * {@link java.util.ServiceLoader} as {@link io.github.lllqos.spi.LowLatencyProvider}. Interfaces only, and the
 * exception their methods declare; what providers share is in {@link io.github.lllqos.spi.support}.
 */
package io.github.lllqos.spi;
