package io.github.lllqos.linux;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;

/** Run by {@link UnprivilegedLeaseTest} as another user: reports what a lease did. */
final class UnprivilegedProbe {

    private UnprivilegedProbe() {
    }

    public static void main(String[] args) {
        System.out.println("provider=" + LowLatency.providerName());
        CpuLatencyLease lease = LowLatency.lowWakeupLatency();
        try (lease) {
            System.out.println("acquired=" + lease.acquired());
            System.out.println("reason=" + lease.notAcquiredReason().orElse(""));
        }
        System.out.println("closed=" + !lease.acquired());
    }
}
