package io.github.lllqos.monitor;

import io.github.lllqos.realtime.SchedPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the monitor thread runs: its period, the lateness above which a wake-up counts as late, and its scheduling.
 *
 * <pre>{@code
 * MonitorSettings settings = MonitorSettings.defaults().withInterval(Duration.ofNanos(500_000)).withCpu(1);
 * }</pre>
 *
 * @param interval the time between wake-ups, 10 µs to 10 s
 * @param lateThreshold a wake-up later than this is attributed to a cause, 1 µs or more
 * @param policy {@link SchedPolicy#FIFO} or {@link SchedPolicy#RR} to ask for real-time scheduling (with the
 *     fallback of {@code Realtime.elevatePriority}), {@link SchedPolicy#OTHER} for none
 * @param priority 1..99 with a real-time policy, 0 with {@link SchedPolicy#OTHER}
 * @param cpu the CPU to pin the thread to, empty for none
 */
public record MonitorSettings(Duration interval, Duration lateThreshold, SchedPolicy policy, int priority,
                              OptionalInt cpu) {

    /** The default period: 1 ms. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1);
    /** The default late threshold: 100 µs. */
    public static final Duration DEFAULT_LATE_THRESHOLD = Duration.ofNanos(100_000);
    /** The default real-time priority: 80, as the project's cyclictest comparisons use. */
    public static final int DEFAULT_PRIORITY = 80;

    private static final Duration MIN_INTERVAL = Duration.ofNanos(10_000);
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public MonitorSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(lateThreshold, "lateThreshold");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cpu, "cpu");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval " + interval + " must be between " + MIN_INTERVAL + " and "
                    + MAX_INTERVAL);
        }
        if (lateThreshold.compareTo(Duration.ofNanos(1000)) < 0) {
            throw new IllegalArgumentException("late threshold " + lateThreshold + " must be 1 µs or more");
        }
        if (policy == SchedPolicy.BATCH || policy == SchedPolicy.IDLE) {
            throw new IllegalArgumentException("policy " + policy.cName() + " would make the monitor measure its own"
                    + " starvation: use SCHED_FIFO, SCHED_RR or SCHED_OTHER");
        }
        if (priority < policy.minPriority() || priority > policy.maxPriority()) {
            throw new IllegalArgumentException("priority " + priority + " is outside " + policy.cName() + "'s range "
                    + policy.minPriority() + ".." + policy.maxPriority());
        }
        if (cpu.isPresent() && cpu.getAsInt() < 0) {
            throw new IllegalArgumentException("cpu " + cpu.getAsInt() + " must be 0 or more");
        }
    }

    /**
     * Every 1 ms, late above 100 µs, SCHED_FIFO 80, not pinned.
     *
     * @return the defaults
     */
    public static MonitorSettings defaults() {
        return new MonitorSettings(DEFAULT_INTERVAL, DEFAULT_LATE_THRESHOLD, SchedPolicy.FIFO, DEFAULT_PRIORITY,
                OptionalInt.empty());
    }

    /**
     * These settings with another period.
     *
     * @param interval 10 µs to 10 s
     * @return the new settings
     */
    public MonitorSettings withInterval(Duration interval) {
        return new MonitorSettings(interval, lateThreshold, policy, priority, cpu);
    }

    /**
     * These settings with another late threshold.
     *
     * @param lateThreshold 1 µs or more
     * @return the new settings
     */
    public MonitorSettings withLateThreshold(Duration lateThreshold) {
        return new MonitorSettings(interval, lateThreshold, policy, priority, cpu);
    }

    /**
     * These settings with another scheduling policy and priority.
     *
     * @param policy FIFO, RR or OTHER
     * @param priority 1..99 for FIFO and RR, 0 for OTHER
     * @return the new settings
     */
    public MonitorSettings withScheduling(SchedPolicy policy, int priority) {
        return new MonitorSettings(interval, lateThreshold, policy, priority, cpu);
    }

    /**
     * These settings with the thread pinned to one CPU.
     *
     * @param cpu an online CPU
     * @return the new settings
     */
    public MonitorSettings withCpu(int cpu) {
        return new MonitorSettings(interval, lateThreshold, policy, priority, OptionalInt.of(cpu));
    }
}
