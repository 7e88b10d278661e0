package io.github.lllqos.cli.cyclic;

import java.io.PrintWriter;

/**
 * What is printed when a run ends: as cyclictest, the thread lines if quiet, or the {@code -h} histogram if one was
 * kept; then the percentile comment lines.
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
            out.print(CyclictestFormat.histogram(result.threads()));
        } else if (quiet) {
            result.threads().forEach(t -> out.print(CyclictestFormat.statLine(t) + "\n"));
        }
        result.threads().forEach(t -> out.print(Percentiles.line(t) + "\n"));
        if (result.settings().spin().spins()) {
            result.threads().forEach(t -> out.print(Percentiles.spinLine(t, result.settings().spin()) + "\n"));
        }
        out.flush();
    }
}
