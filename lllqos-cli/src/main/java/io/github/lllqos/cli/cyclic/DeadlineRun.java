package io.github.lllqos.cli.cyclic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * How one thread ran under {@code --policy deadline}: its SCHED_DEADLINE parameters and the periods it missed, as
 * the summary line, the {@code --json} report and the plot show them.
 *
 * @param runtimeMicros the runtime per period, µs
 * @param deadlineMicros the relative deadline, µs (the interval)
 * @param periodMicros the period, µs (the interval)
 * @param missedPeriods activations skipped because their time had passed when the thread was ready to wait
 */
public record DeadlineRun(@JsonProperty("runtime_us") long runtimeMicros,
        @JsonProperty("deadline_us") long deadlineMicros,
        @JsonProperty("period_us") long periodMicros,
        @JsonProperty("missed_periods") long missedPeriods) {

    /**
     * How a stopped deadline thread ran.
     *
     * @param stats the thread's record, stopped
     * @param runtimeMicros {@code --runtime}, µs
     * @return its parameters and misses
     */
    public static DeadlineRun of(ThreadStats stats, long runtimeMicros) {
        return new DeadlineRun(runtimeMicros, stats.intervalMicros(), stats.intervalMicros(),
                stats.skippedActivations());
    }

    /**
     * The run in words.
     *
     * @return {@code deadline: runtime 2400 us, deadline 4000 us, period 4000 us, 0 periods missed}
     */
    public String describe() {
        return String.format(Locale.ROOT, "deadline: runtime %d us, deadline %d us, period %d us, %d periods missed",
                runtimeMicros, deadlineMicros, periodMicros, missedPeriods);
    }
}
