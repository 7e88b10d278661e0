package io.github.lllqos.cli.cyclic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Linux thread id of the calling thread, as cyclictest shows it, read from {@code /proc/thread-self}. */
final class NativeThreadId {

    private NativeThreadId() {
    }

    /** The calling thread's id, or 0 where {@code /proc/thread-self} does not exist. */
    static int current() {
        try {
            // A link to "<pid>/task/<tid>".
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return 0;
        }
    }
}
