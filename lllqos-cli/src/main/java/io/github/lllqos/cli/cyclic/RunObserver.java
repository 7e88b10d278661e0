package io.github.lllqos.cli.cyclic;

import io.github.lllqos.CpuLatencyLease;
import java.util.List;

/** What a run tells while it runs; the live display implements it. */
public interface RunObserver {

    /**
     * The CPU latency request for the run was asked for.
     *
     * @param lease the lease, held or not
     */
    void leaseTaken(CpuLatencyLease lease);

    /**
     * Called about every 10 ms while the threads run, and once more when they have stopped.
     *
     * @param threads the live records of the measuring threads
     */
    void progress(List<ThreadStats> threads);
}
