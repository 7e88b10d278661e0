package io.github.lllqos.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The lines a program printed so far, fed as they arrive, with bounded waits for the next matching one. */
final class OutputLines {

    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private int consumed;

    /** Adds printed bytes (UTF-8); complete lines become visible to waiters. */
    synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(bytes[i]);
            }
        }
        notifyAll();
    }

    /**
     * Waits for the next line, after those already returned, that matches; lines passed over are consumed.
     *
     * @param matching what the line must satisfy
     * @param what the line described, for the failure message
     * @param timeout how long to wait
     * @param failureContext what to add to the failure message (the program's logs, its state)
     * @return the line
     * @throws AssertionError with all output so far when no such line arrives in time
     */
    String awaitNext(Predicate<String> matching, String what, Duration timeout, Supplier<String> failureContext)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                Optional<String> found = nextMatching(matching);
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        throw new AssertionError("no line " + what + " within " + timeout + "\n" + failureContext.get());
    }

    private Optional<String> nextMatching(Predicate<String> matching) {
        while (consumed < lines.size()) {
            String line = lines.get(consumed++);
            if (matching.test(line)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** Everything printed so far. */
    synchronized String text() {
        return String.join("\n", lines) + (partial.size() > 0 ? "\n" + partial.toString(StandardCharsets.UTF_8) : "");
    }
}
