package io.github.lllqos.linux;

import io.github.lllqos.Outcome;
import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;

/**
 * Run by {@link UnprivilegedRealtimeTest} in a child JVM with other limits, user or cgroup: reports what an
 * elevation and a memory lock did, and what the kernel says about the thread afterwards.
 */
final class UnprivilegedRealtimeProbe {

    private UnprivilegedRealtimeProbe() {
    }

    public static void main(String[] args) {
        System.out.println("provider=" + io.github.lllqos.LowLatency.providerName());
        PriorityChange change = Realtime.elevatePriority(SchedPolicy.FIFO, 10);
        System.out.println("method=" + change.method());
        System.out.println("errno=" + change.errno().map(Enum::name).orElse(""));
        System.out.println("reason=" + change.reason().orElse(""));
        System.out.println("kernel.policy=" + KernelReport.policy());
        System.out.println("kernel.rt_priority=" + KernelReport.rtPriority());
        System.out.println("kernel.nice=" + KernelReport.nice());
        if (args.length > 0 && args[0].equals("lock")) {
            Outcome<Long> locked = Realtime.lockMemory();
            System.out.println("lock.applied=" + locked.applied());
            System.out.println("lock.errno=" + locked.errno().map(Enum::name).orElse(""));
            System.out.println("lock.reason=" + locked.notAppliedReason().orElse(""));
            System.out.println("kernel.vmlck_kb=" + KernelReport.lockedKilobytes());
        }
    }
}
