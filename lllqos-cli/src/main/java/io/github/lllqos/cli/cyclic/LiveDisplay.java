package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.CpuLatencyLease;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * cyclictest's screen while it runs: the lease line, then (unless quiet) the policy and load header and one line
 * per thread, redrawn in place with an ANSI cursor-up every 10 ms.
 */
public final class LiveDisplay implements RunObserver {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final PrintWriter out;
    private final PrintWriter err;
    private final SchedPolicy policy;
    private final boolean quiet;
    private boolean drawn;

    /**
     * Creates the display.
     *
     * @param out where the screen goes
     * @param err where warnings go
     * @param policy the measuring threads' policy, for the header
     * @param quiet {@code -q}: show nothing while running
     */
    public LiveDisplay(PrintWriter out, PrintWriter err, SchedPolicy policy, boolean quiet) {
        this.out = out;
        this.err = err;
        this.policy = policy;
        this.quiet = quiet;
    }

    @Override
    public void leaseTaken(CpuLatencyLease lease) {
        if (lease.acquired()) {
            out.println(CyclictestFormat.latencySet(lease.targetMicros()));
            out.flush();
        } else {
            err.println("WARN: /dev/cpu_dma_latency not set: " + lease.notAcquiredReason().orElse("unknown"));
            err.flush();
        }
    }

    @Override
    public void progress(List<ThreadStats> threads) {
        if (quiet) {
            return;
        }
        if (drawn) {
            out.print(CyclictestFormat.cursorUp(threads.size()));
        }
        out.print(CyclictestFormat.header(policy, loadavg()) + "\n\n");
        for (ThreadStats thread : threads) {
            out.print(CyclictestFormat.statLine(thread) + "\n");
        }
        out.flush();
        drawn = true;
    }

    private static String loadavg() {
        try {
            return Files.readString(LOADAVG).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
