package io.github.lllqos.linux;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.Realtime;
import java.time.Duration;

/**
 * Run in a child JVM by {@link NativeLayerChildTest}: uses every kind of native call the provider makes (the
 * device, scheduling, affinity, timer slack, the thread id, absolute sleeps) and reports what happened.
 */
final class LayerProbe {

    private LayerProbe() {
    }

    public static void main(String[] args) {
        System.out.println("selection=" + LowLatency.providerSelection().report().replace('\n', '|'));
        CpuLatencyLease lease = LowLatency.lowWakeupLatency();
        try (lease) {
            System.out.println("acquired=" + lease.acquired());
            System.out.println("reason=" + lease.notAcquiredReason().orElse(""));
            System.out.println("effective=" + LowLatency.effectiveCpuLatency());
        }
        System.out.println("thread=" + Realtime.threadId());
        System.out.println("policy=" + Realtime.policy());
        System.out.println("nice=" + Realtime.nice());
        System.out.println("affinity=" + Realtime.affinity());
        System.out.println("cpu=" + Realtime.currentCpu());
        System.out.println("slack=" + Realtime.setTimerSlackNanos(50_000).applied());
        Periodic periodic = Periodic.every(Duration.ofMillis(1));
        for (int i = 0; i < 5; i++) {
            periodic.awaitNext();
        }
        System.out.println("periodic=" + Periodic.fallbackReason().orElse("clock_nanosleep"));
    }
}
