package io.github.lllqos.micrometer;

import io.github.lllqos.LowLatency;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Meters of the CPU latency requests: how many leases this JVM holds, the lowest of their targets, and the
 * system-wide limit the kernel applies (every process's requests together). Each is read when the registry asks;
 * nothing is added to the lease's own path.
 *
 * <pre>{@code
 * new CpuLatencyMetrics().bindTo(registry);
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>unit</th></tr>
 * <tr><td>{@value #LEASES}</td><td>gauge, tag {@code provider}</td><td>leases</td></tr>
 * <tr><td>{@value #LEASE_TARGET}</td><td>time gauge, NaN while none is held</td><td>seconds</td></tr>
 * <tr><td>{@value #LIMIT}</td><td>time gauge, NaN where unreadable</td><td>seconds</td></tr>
 * </table>
 */
public final class CpuLatencyMetrics implements MeterBinder {

    /** Leases of this JVM that hold a request now. */
    public static final String LEASES = "lllqos.cpu.latency.leases";
    /** The lowest target among them: the one this JVM asks the kernel to honour. */
    public static final String LEASE_TARGET = "lllqos.cpu.latency.lease.target";
    /** The system-wide CPU latency limit: the lowest request of all processes, 2000 s when nobody asks. */
    public static final String LIMIT = "lllqos.cpu.latency.limit";

    /** Meters of the leases of this JVM, through {@link LowLatency}. */
    public CpuLatencyMetrics() {
    }

    /**
     * Registers the three gauges.
     *
     * @param registry where
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(LEASES, () -> LowLatency.heldLeaseTargets().size())
                .description("CPU latency leases this JVM holds").tag("provider", LowLatency.providerName())
                .register(registry);
        TimeGauge.builder(LEASE_TARGET, () -> lowest(LowLatency.heldLeaseTargets()), TimeUnit.MICROSECONDS)
                .description("the lowest target of the CPU latency leases this JVM holds").register(registry);
        TimeGauge.builder(LIMIT, () -> orNaN(LowLatency.effectiveCpuLatency()), TimeUnit.MICROSECONDS)
                .description("the system-wide CPU latency limit, all processes' requests together")
                .register(registry);
    }

    private static double lowest(List<Integer> targets) {
        return orNaN(targets.stream().mapToInt(Integer::intValue).min());
    }

    private static double orNaN(OptionalInt micros) {
        return micros.isPresent() ? micros.getAsInt() : Double.NaN;
    }
}
