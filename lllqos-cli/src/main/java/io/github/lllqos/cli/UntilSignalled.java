package io.github.lllqos.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps something held until the JVM is asked to stop (SIGINT, SIGTERM, SIGHUP): a shutdown hook releases it and
 * says so. The JVM then exits with 128 plus the signal number (130 for SIGINT, 143 for SIGTERM).
 */
final class UntilSignalled {

    private UntilSignalled() {
    }

    /**
     * Blocks the calling thread for good; the release runs in a shutdown hook.
     *
     * @param out where the release is reported
     * @param release undoes what is held, returning what it did for the report
     */
    static void hold(PrintWriter out, ReleaseAction release) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                out.println(release.release());
            } catch (RuntimeException e) {
                out.println("release failed: " + e.getMessage());
            }
            out.flush();
        }, "lllqos-release"));
        out.println("holding until SIGINT (Ctrl-C) or SIGTERM");
        out.flush();
        never.await();
    }

    /** Undoes what is held. */
    @FunctionalInterface
    interface ReleaseAction {

        /**
         * Releases.
         *
         * @return a line saying what was released
         */
        String release();
    }
}
