package io.github.lllqos.it;

import java.time.Duration;

/** Preconditions shared by the scenarios. */
final class Scenarios {

    /** How long another process's request below a test's target may delay the test. */
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);

    /** Once a wait has run out, later tests wait this long only: the other process is not going away soon. */
    private static final Duration QUIET_TIMEOUT_AFTER_ONE_RAN_OUT = Duration.ofSeconds(5);

    private static volatile boolean waitRanOut;

    private Scenarios() {
    }

    /**
     * The host's effective value, once it is above {@code target} so that a request at {@code target} visibly
     * lowers it (waiting out another process's lower request for a while).
     *
     * @throws AssertionError naming the device's holders when another request keeps the value at or below target
     */
    static int hostValueAbove(int target) throws InterruptedException {
        Duration timeout = waitRanOut ? QUIET_TIMEOUT_AFTER_ONE_RAN_OUT : QUIET_TIMEOUT;
        long deadline = System.nanoTime() + timeout.toNanos();
        int value = HostCpuLatency.effective();
        while (value <= target && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = HostCpuLatency.effective();
        }
        if (value <= target) {
            waitRanOut = true;
            throw new AssertionError("the host's effective CPU latency stayed " + value + " µs for " + timeout
                    + ", but a test at " + target + " µs needs it higher to see its request; processes holding the"
                    + " device: " + HostCpuLatency.holderDescriptions());
        }
        return value;
    }
}
