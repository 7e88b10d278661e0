package io.github.lllqos.micrometer;

import io.github.lllqos.monitor.LatenessCause;
import io.github.lllqos.monitor.LatenessFeed;
import io.github.lllqos.monitor.WakeupMonitor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Meters of a {@link WakeupMonitor}: the lateness of every wake-up as a timer with a histogram and percentiles, the
 * late wake-ups per cause, and the JVM pauses it saw. The monitor thread is not touched: counts are read when the
 * registry asks, and the lateness is moved from the monitor's own histogram into the timer by a thread of this
 * binder, once per feed period.
 *
 * <pre>{@code
 * try (WakeupMonitorMetrics metrics = new WakeupMonitorMetrics(monitor)) {
 *     metrics.bindTo(registry);
 *     ...
 * }
 * }</pre>
 *
 * <p>docs/metrics.md lists every meter with its type, unit and tags.
 */
public final class WakeupMonitorMetrics implements MeterBinder, AutoCloseable {

    /** Every wake-up's lateness: a timer with a percentile histogram and the 0.5, 0.99 and 0.999 percentiles. */
    public static final String LATENESS = "lllqos.wakeup.lateness";
    /** Late wake-ups per cause (tag {@code cause}): a counter. */
    public static final String LATE = "lllqos.wakeup.late";
    /** Their lateness beyond the threshold, summed, per cause: a counter in seconds. */
    public static final String LATE_EXCESS = "lllqos.wakeup.late.excess";
    /** The largest lateness of a late wake-up so far, per cause: a time gauge. */
    public static final String LATE_MAX = "lllqos.wakeup.late.max";
    /** Lateness above which a wake-up counts as late: a time gauge. */
    public static final String LATE_THRESHOLD = "lllqos.wakeup.late.threshold";
    /** Late wake-ups still waiting for the JFR events that decide their cause: a gauge. */
    public static final String LATE_PENDING = "lllqos.wakeup.late.pending";
    /** Late wake-ups lost because attribution fell behind: a counter. */
    public static final String LATE_DROPPED = "lllqos.wakeup.late.dropped";
    /** The JVM's pauses (safepoints) that JFR reported: a function timer (count and total time). */
    public static final String JVM_PAUSES = "lllqos.jvm.pauses";
    /** The longest of them: a time gauge. */
    public static final String JVM_PAUSE_LONGEST = "lllqos.jvm.pause.longest";

    /** The percentiles the lateness timer publishes. */
    public static final double[] PERCENTILES = {0.5, 0.99, 0.999};

    private static final Duration DEFAULT_FEED_PERIOD = Duration.ofSeconds(1);

    private final WakeupMonitor monitor;
    private final List<Feeding> feedings = new CopyOnWriteArrayList<>();
    private final BinderThread feeder;
    private boolean closed;

    /** A registry's lateness timer and the feed that fills it. */
    private record Feeding(LatenessFeed feed, Timer timer) {

        void run() {
            feed.drain((latenessNanos, count) -> {
                for (long i = 0; i < count; i++) {
                    timer.record(latenessNanos, TimeUnit.NANOSECONDS);
                }
            });
        }
    }

    /**
     * Meters of this monitor, the lateness moved into the timer every second.
     *
     * @param monitor a running monitor
     */
    public WakeupMonitorMetrics(WakeupMonitor monitor) {
        this(monitor, DEFAULT_FEED_PERIOD);
    }

    /**
     * Meters of this monitor, the lateness moved into the timer every {@code feedPeriod}.
     *
     * @param monitor a running monitor
     * @param feedPeriod how often, 10 ms to 1 minute
     * @throws IllegalArgumentException if the period is outside that range
     */
    public WakeupMonitorMetrics(WakeupMonitor monitor, Duration feedPeriod) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.feeder = new BinderThread("lllqos-metrics-feed", "feed period", feedPeriod, this::feed,
                "moving the wake-up lateness into the registry failed");
    }

    /**
     * Registers the monitor's meters, and starts moving the lateness measured from now on into the registry.
     *
     * @param registry where
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (closed) {
            throw new IllegalStateException("these wake-up monitor metrics are closed");
        }
        Timer lateness = Timer.builder(LATENESS).description("how late each wake-up of the monitor thread ran")
                .publishPercentiles(PERCENTILES).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        for (LatenessCause cause : LatenessCause.values()) {
            FunctionCounter.builder(LATE, monitor, m -> m.lateWakeups(cause).count()).tag("cause", cause.key())
                    .description("late wake-ups, by the cause they were given").register(registry);
            FunctionCounter.builder(LATE_EXCESS, monitor, m -> m.lateWakeups(cause).excessNanos() / 1e9)
                    .tag("cause", cause.key()).baseUnit("seconds")
                    .description("lateness beyond the threshold, summed, by cause").register(registry);
            TimeGauge.builder(LATE_MAX, monitor, TimeUnit.NANOSECONDS, m -> m.lateWakeups(cause).maxNanos())
                    .tag("cause", cause.key()).description("the largest lateness of a late wake-up, by cause")
                    .register(registry);
        }
        TimeGauge.builder(LATE_THRESHOLD, monitor, TimeUnit.NANOSECONDS,
                m -> m.settings().lateThreshold().toNanos())
                .description("lateness above which a wake-up counts as late").register(registry);
        Gauge.builder(LATE_PENDING, monitor, WakeupMonitor::pendingLateWakeups)
                .description("late wake-ups waiting for the JFR events that decide their cause").register(registry);
        FunctionCounter.builder(LATE_DROPPED, monitor, WakeupMonitor::droppedLateWakeups)
                .description("late wake-ups lost because attribution fell behind").register(registry);
        FunctionTimer.builder(JVM_PAUSES, monitor, m -> m.jvmPauses().count(), m -> m.jvmPauses().totalNanos(),
                TimeUnit.NANOSECONDS).description("the JVM's safepoint pauses that JFR reported").register(registry);
        TimeGauge.builder(JVM_PAUSE_LONGEST, monitor, TimeUnit.NANOSECONDS, m -> m.jvmPauses().longestNanos())
                .description("the longest JVM pause so far").register(registry);
        feedings.add(new Feeding(monitor.latenessFeed(), lateness));
        feeder.start();
    }

    /**
     * The monitor these meters read.
     *
     * @return the monitor
     */
    public WakeupMonitor monitor() {
        return monitor;
    }

    /** Moves the lateness measured since the last time into every bound registry's timer. */
    private void feed() {
        feedings.forEach(Feeding::run);
    }

    /** Moves the last lateness into the timers and stops the feeding thread. The meters stay registered. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        feeder.stop();
        feeder.runOnce();
    }
}
