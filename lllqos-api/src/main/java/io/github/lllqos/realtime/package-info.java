/**
 * Thread scheduling for low latency: real-time policies and priorities, CPU affinity, memory locking, timer
 * slack ({@link io.github.lllqos.realtime.Realtime}), and wake-ups at absolute deadlines
 * ({@link io.github.lllqos.realtime.Periodic}).
 */
package io.github.lllqos.realtime;
