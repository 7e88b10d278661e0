package io.github.lllqos.micrometer;

import io.github.lllqos.LowLatency;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Meters of the CPU latency requests: how many leases this JVM holds, how many at each target, the lowest of their
 * targets, and the system-wide limit the kernel applies (every process's requests together). Values are read when
 * the registry asks; nothing is added to the lease's own path. Which targets have a gauge is refreshed by a thread
 * of this binder, once per refresh period.
 *
 * <pre>{@code
 * try (CpuLatencyMetrics leases = new CpuLatencyMetrics()) {
 *     leases.bindTo(registry);
 *     ...
 * }
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>unit</th></tr>
 * <tr><td>{@value #LEASES}</td><td>gauge, tag {@code provider}</td><td>leases</td></tr>
 * <tr><td>{@value #LEASE_TARGETS}</td><td>a gauge per target held, tag {@code target} (µs)</td><td>leases</td></tr>
 * <tr><td>{@value #LEASE_TARGET}</td><td>time gauge, NaN while none is held</td><td>seconds</td></tr>
 * <tr><td>{@value #LIMIT}</td><td>time gauge, NaN where unreadable</td><td>seconds</td></tr>
 * </table>
 */
public final class CpuLatencyMetrics implements MeterBinder, AutoCloseable {

    /** Leases of this JVM that hold a request now. */
    public static final String LEASES = "lllqos.cpu.latency.leases";
    /**
     * The leases of this JVM at each target: one gauge per distinct target held, tag {@code target} (the target in
     * whole µs, such as {@code "50"}), its value how many leases hold that target.
     */
    public static final String LEASE_TARGETS = "lllqos.cpu.latency.lease.targets";
    /** The lowest target among them: the one this JVM asks the kernel to honour. */
    public static final String LEASE_TARGET = "lllqos.cpu.latency.lease.target";
    /** The system-wide CPU latency limit: the lowest request of all processes, 2000 s when nobody asks. */
    public static final String LIMIT = "lllqos.cpu.latency.limit";

    private static final Duration DEFAULT_REFRESH_PERIOD = Duration.ofSeconds(1);

    private final List<MultiGauge> targetGauges = new CopyOnWriteArrayList<>();
    private final BinderThread refresher;
    private boolean closed;

    /** Meters of the leases of this JVM, through {@link LowLatency}, the targets' gauges refreshed every second. */
    public CpuLatencyMetrics() {
        this(DEFAULT_REFRESH_PERIOD);
    }

    /**
     * Meters of the leases of this JVM, the targets' gauges refreshed every {@code refreshPeriod}: a target newly
     * held gets its gauge within that period, and the gauge of a target no longer held reads 0 until it goes.
     *
     * @param refreshPeriod how often, 10 ms to 1 minute
     * @throws IllegalArgumentException if the period is outside that range
     */
    public CpuLatencyMetrics(Duration refreshPeriod) {
        this.refresher = new BinderThread("lllqos-metrics-leases", "refresh period", refreshPeriod, this::refresh,
                "refreshing the gauges of the CPU latency lease targets failed");
    }

    /**
     * Registers the gauges, and starts refreshing which targets have one.
     *
     * @param registry where
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (closed) {
            throw new IllegalStateException("these CPU latency metrics are closed");
        }
        Gauge.builder(LEASES, () -> LowLatency.heldLeaseTargets().size())
                .description("CPU latency leases this JVM holds").tag("provider", LowLatency.providerName())
                .register(registry);
        MultiGauge targets = MultiGauge.builder(LEASE_TARGETS)
                .description("CPU latency leases this JVM holds, by their target in µs").register(registry);
        TimeGauge.builder(LEASE_TARGET, () -> lowest(LowLatency.heldLeaseTargets()), TimeUnit.MICROSECONDS)
                .description("the lowest target of the CPU latency leases this JVM holds").register(registry);
        TimeGauge.builder(LIMIT, () -> orNaN(LowLatency.effectiveCpuLatency()), TimeUnit.MICROSECONDS)
                .description("the system-wide CPU latency limit, all processes' requests together")
                .register(registry);
        targets.register(rows(), false);
        targetGauges.add(targets);
        refresher.start();
    }

    /** Gives each target held now a gauge, and takes the gauges of the targets no longer held away. */
    void refresh() {
        List<MultiGauge.Row<?>> rows = rows();
        targetGauges.forEach(targets -> targets.register(rows, false));
    }

    /** A row per distinct target held now, which counts the leases at it whenever it is read. */
    private static List<MultiGauge.Row<?>> rows() {
        return new TreeSet<>(LowLatency.heldLeaseTargets()).stream()
                .<MultiGauge.Row<?>>map(target -> MultiGauge.Row.of(Tags.of("target", Integer.toString(target)),
                        () -> Collections.frequency(LowLatency.heldLeaseTargets(), target)))
                .collect(Collectors.toList());
    }

    /** Stops refreshing which targets have a gauge. The meters stay registered, and the gauges read on. */
    @Override
    public synchronized void close() {
        closed = true;
        refresher.stop();
    }

    private static double lowest(List<Integer> targets) {
        return orNaN(targets.stream().mapToInt(Integer::intValue).min());
    }

    private static double orNaN(OptionalInt micros) {
        return micros.isPresent() ? micros.getAsInt() : Double.NaN;
    }
}
