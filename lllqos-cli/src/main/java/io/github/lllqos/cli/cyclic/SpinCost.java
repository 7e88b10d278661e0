package io.github.lllqos.cli.cyclic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What spinning cost one thread ({@code --spin}), as the summary line, the {@code --json} report and the plot show
 * it.
 *
 * @param adaptive {@code --spin auto}: the margin was learned
 * @param marginMicros the margin spun before each deadline at the end of the run, µs
 * @param perActivationMicros the spin time per activation, µs
 * @param totalMillis the spin time over all activations, ms
 * @param cpuPercent the share of one CPU it took over the activations' periods, %
 */
public record SpinCost(@JsonProperty("adaptive") boolean adaptive,
        @JsonProperty("margin_us") double marginMicros,
        @JsonProperty("per_activation_us") double perActivationMicros,
        @JsonProperty("total_ms") double totalMillis,
        @JsonProperty("cpu_percent") double cpuPercent) {

    /**
     * The cost of a stopped thread's spinning.
     *
     * @param stats the thread's record, stopped
     * @param spin what was asked
     * @return its cost
     */
    public static SpinCost of(ThreadStats stats, SpinFinish spin) {
        long cycles = Math.max(1, stats.cycles());
        return new SpinCost(spin.adaptive(), stats.spinMarginNanos() / 1e3, stats.spinNanos() / 1e3 / cycles,
                stats.spinNanos() / 1e6, stats.spinNanos() * 100.0 / (cycles * stats.intervalMicros() * 1000.0));
    }

    /**
     * The cost in words.
     *
     * @return {@code spin: margin 12.5 us (auto), 10.9 us per activation, 109.4 ms in all, 1.09% of a CPU}
     */
    public String describe() {
        return String.format(Locale.ROOT, "spin: margin %.1f us (%s), %.1f us per activation, %.1f ms in all, %.2f%%"
                + " of a CPU", marginMicros, adaptive ? "auto" : Math.round(marginMicros) + " us", perActivationMicros, totalMillis, cpuPercent);
    }
}
