package io.github.lllqos.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's timer slack, through {@code /proc/<tid>/timerslack_ns} (the kernel keeps that file per
 * thread under the thread's own id; {@code /proc/thread-self} has none).
 */
final class ThreadTimerSlack {

    private ThreadTimerSlack() {
    }

    /** The calling thread's timer slack in ns. */
    static long get() {
        try {
            return Long.parseLong(Files.readString(file()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the calling thread's timer slack in ns (0 restores the thread's default). */
    static void set(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("timer slack must be >= 0 ns, was " + nanos);
        }
        try {
            Files.writeString(file(), Long.toString(nanos));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file() throws IOException {
        // /proc/thread-self links to "<pid>/task/<tid>".
        Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return Path.of("/proc", self.getFileName().toString(), "timerslack_ns");
    }
}
