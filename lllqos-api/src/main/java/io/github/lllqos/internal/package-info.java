/**
 * Not exported: provider selection, shared by every facade, how every lease ends ({@link
 * io.github.lllqos.internal.LeaseRelease}, the one Cleaner), and the checks of CPU numbers that callers pass
 * ({@link io.github.lllqos.internal.CpuNumbers}).
 */
package io.github.lllqos.internal;
