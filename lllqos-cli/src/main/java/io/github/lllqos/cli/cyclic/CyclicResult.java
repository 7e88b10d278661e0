package io.github.lllqos.cli.cyclic;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A finished run.
 *
 * @param settings what was run
 * @param threads the record of each measuring thread
 * @param start when the run started
 * @param end when it ended
 * @param leaseHeld whether the {@code --latency} request was held
 * @param leaseNotHeldReason why not, if it was not
 */
public record CyclicResult(CyclicSettings settings, List<ThreadStats> threads, Instant start, Instant end,
        boolean leaseHeld, Optional<String> leaseNotHeldReason) {

    /** Keeps an unmodifiable copy of the thread list. */
    public CyclicResult {
        threads = List.copyOf(threads);
    }
}
