/**
 * CPUs as users plan them: {@link io.github.lllqos.topology.CpuTopology} (packages, cores, hardware threads, core
 * types, isolated CPUs, the CPUs this process may use), {@link io.github.lllqos.topology.CpuReservation} (CPUs or
 * whole cores reserved across processes and containers, the thread pinned to them) and
 * {@link io.github.lllqos.topology.ReservingThreadFactory}.
 */
package io.github.lllqos.topology;
