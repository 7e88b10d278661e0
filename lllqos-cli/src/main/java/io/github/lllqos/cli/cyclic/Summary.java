package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is printed when a run ends: as cyclictest, the thread lines if quiet, or the {@code -h} histogram if one was
 * kept; then the percentile comment lines, and those of the spinning cost or the deadline run.
 */
public final class Summary {

    private Summary() {
    }

    /**
     * Prints the end of a run.
     *
     * @param result the run
     * @param quiet whether the live display was off ({@code -q})
     * @param out where to print
     */
    public static void print(CyclicResult result, boolean quiet, PrintWriter out) {
        if (result.settings().histogramMicros() > 0) {
            CyclictestFormat.writeHistogram(result.threads(), out);
        } else if (quiet) {
            result.threads().forEach(t -> out.print(CyclictestFormat.statLine(t) + "\n"));
        }
        result.threads().forEach(t -> out.print(Percentiles.line(t) + "\n"));
        result.threads().forEach(t -> details(result.settings(), t)
                .forEach(detail -> out.print(String.format(Locale.ROOT, "# T:%2d ", t.index()) + detail + "\n")));
        out.flush();
    }

    /**
     * What a thread's run adds to its percentiles: its spinning cost with {@code --spin}, its SCHED_DEADLINE
     * parameters and missed periods with {@code --policy deadline}.
     *
     * @param settings what was run
     * @param thread the thread's record, stopped
     * @return the lines, without the {@code # T: N} prefix; none for a plain run
     */
    public static List<String> details(CyclicSettings settings, ThreadStats thread) {
        List<String> details = new ArrayList<>();
        spinCost(settings, thread).ifPresent(cost -> details.add(cost.describe()));
        deadlineRun(settings, thread).ifPresent(run -> details.add(run.describe()));
        return details;
    }

    /**
     * A thread's spinning cost.
     *
     * @param settings what was run
     * @param thread the thread's record, stopped
     * @return the cost, empty without {@code --spin}
     */
    public static Optional<SpinCost> spinCost(CyclicSettings settings, ThreadStats thread) {
        return settings.spin().spins() ? Optional.of(SpinCost.of(thread, settings.spin())) : Optional.empty();
    }

    /**
     * A thread's SCHED_DEADLINE parameters and missed periods.
     *
     * @param settings what was run
     * @param thread the thread's record, stopped
     * @return them, empty unless {@code --policy deadline}
     */
    public static Optional<DeadlineRun> deadlineRun(CyclicSettings settings, ThreadStats thread) {
        return settings.policy() == SchedPolicy.DEADLINE
                ? Optional.of(DeadlineRun.of(thread, settings.runtimeMicros())) : Optional.empty();
    }
}
