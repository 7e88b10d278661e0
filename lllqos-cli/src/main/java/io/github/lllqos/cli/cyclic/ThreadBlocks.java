package io.github.lllqos.cli.cyclic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How often the calling thread has blocked: its voluntary context switches, from {@code /proc/thread-self/status}.
 * A deadline thread's {@code sched_yield()} is not one (the kernel counts it as involuntary), so on a deadline thread
 * each one is a wait inside a job (a lock, I/O, a JVM safepoint on the way back from native code), after which the
 * kernel may start a new period later. Reading it costs about 15 µs, so it is read at the start and the end of a
 * run, not in each job.
 */
public final class ThreadBlocks {

    private static final Path STATUS = Path.of("/proc/thread-self/status");
    private static final String KEY = "voluntary_ctxt_switches:";

    private ThreadBlocks() {
    }

    /**
     * The calling thread's voluntary context switches since it started.
     *
     * @return the count, empty where {@code /proc/thread-self/status} cannot be read (not Linux, no procfs)
     */
    public static OptionalLong ofCurrentThread() {
        try {
            return parse(Files.readString(STATUS));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The voluntary context switches in the text of a {@code status} file.
     *
     * @param status the file's text
     * @return the count, empty when the line is missing or not a number
     */
    static OptionalLong parse(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith(KEY)) {
                try {
                    return OptionalLong.of(Long.parseLong(line.substring(KEY.length()).trim()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
