/**
 * The kernel's CPU idle management: idle states and which a latency limit blocks, the per-CPU resume latency
 * limit, and leases that change them and put them back ({@link io.github.lllqos.cpuidle.CpuIdle}).
 */
package io.github.lllqos.cpuidle;
