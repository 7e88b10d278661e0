package io.github.lllqos.cli.cyclic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How one thread ran under {@code --policy deadline}: its SCHED_DEADLINE parameters and the periods it missed, as
 * the summary line, the {@code --json} report and the plot show them.
 *
 * @param runtimeMicros the runtime per period, µs
 * @param deadlineMicros the relative deadline, µs (the interval)
 * @param periodMicros the period, µs (the interval)
 * @param missedPeriods activations skipped because their time had passed when the thread was ready to wait
 * @param blocks how many jobs blocked ({@link io.github.lllqos.realtime.Periodic#blocks()}), null where they were
 *     not counted (a provider that cannot count a thread's context switches); after each the kernel may start the
 *     thread's period later, and the activations follow the new period from the next one
 */
public record DeadlineRun(@JsonProperty("runtime_us") long runtimeMicros,
        @JsonProperty("deadline_us") long deadlineMicros,
        @JsonProperty("period_us") long periodMicros,
        @JsonProperty("missed_periods") long missedPeriods,
        @JsonProperty("blocks") Long blocks) {

    /**
     * How a stopped deadline thread ran.
     *
     * @param stats the thread's record, stopped
     * @param runtimeMicros {@code --runtime}, µs
     * @return its parameters and misses
     */
    public static DeadlineRun of(ThreadStats stats, long runtimeMicros) {
        OptionalLong blocks = stats.blocks();
        return new DeadlineRun(runtimeMicros, stats.intervalMicros(), stats.intervalMicros(),
                stats.skippedActivations(), blocks.isPresent() ? blocks.getAsLong() : null);
    }

    /**
     * The run in words.
     *
     * @return {@code deadline: runtime 2400 us, deadline 4000 us, period 4000 us, 0 periods missed, 0 jobs
     *     blocked}, and after a block what it does to the figures
     */
    public String describe() {
        String blocked = blocks == null ? "blocks not counted"
                : blocks == 0 ? "0 jobs blocked"
                : blocks + (blocks == 1 ? " job" : " jobs") + " blocked (after each, the grid started again at the"
                        + " next period: the kernel may have moved it)";
        return String.format(Locale.ROOT, "deadline: runtime %d us, deadline %d us, period %d us, %d periods missed,"
                + " %s", runtimeMicros, deadlineMicros, periodMicros, missedPeriods, blocked);
    }
}
