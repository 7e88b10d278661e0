package io.github.lllqos;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event of a CPU latency lease acquired, updated or released, so JDK Mission Control shows the requests
 * beside the GC and safepoint events. Only {@link LeaseEvents} touches this class, and only where the
 * {@code jdk.jfr} module is present.
 */
@Name("io.github.lllqos.CpuLatencyLease")
@Label("CPU Latency Lease")
@Description("A CPU latency request on /dev/cpu_dma_latency acquired, updated or released")
@Category({"lllqos", "CPU Latency"})
@StackTrace(false)
final class CpuLatencyLeaseEvent extends Event {

    @Label("Action")
    @Description("acquired, updated, released, or refused when no request could be placed")
    String action;

    @Label("Target (µs)")
    @Description("The lease's requested wake-up latency limit")
    int targetMicros;

    @Label("Effective (µs)")
    @Description("The system-wide limit right after the action, -1 where it cannot be read")
    long effectiveMicros;

    @Label("Provider")
    String provider;
}
