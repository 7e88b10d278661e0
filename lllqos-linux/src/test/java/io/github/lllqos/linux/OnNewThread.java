package io.github.lllqos.linux;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a check on a thread made for it, so the scheduling it changes dies with it and the test JVM's own
 * threads keep their settings.
 */
final class OnNewThread {

    private OnNewThread() {
    }

    static <T> T call(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(body.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "lllqos-test-realtime");
        thread.start();
        thread.join();
        Throwable thrown = failure.get();
        if (thrown instanceof Exception) {
            throw (Exception) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        return result.get();
    }

    static void run(ThrowingRunnable body) throws Exception {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** A check that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
