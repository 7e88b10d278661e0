package io.github.lllqos.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where {@link io.github.lllqos.cpuidle.CpuIdle} journals the changes of one simulated kernel's attribute files: a
 * temporary directory of the kernel's own, made on first use and deleted when the JVM exits, so that simulated
 * changes never reach the journal of the real sysfs.
 *
 * <p>It is made in {@code /dev/shm} where that exists: a tmpfs, as {@code /run} (where the real journal lives) is,
 * so the journal's {@code fsync}s cost what they cost there, and not a disk's flush for each change. Elsewhere it
 * is made in {@code java.io.tmpdir}.
 */
final class SimulatedJournalDirectory {

    /** A tmpfs on Linux, like {@code /run}; absent on other systems. */
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final String PREFIX = "lllqos-simulated-journal";

    private Path directory;

    synchronized Path path() {
        if (directory == null) {
            try {
                directory = Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
                        ? Files.createTempDirectory(SHARED_MEMORY, PREFIX)
                        : Files.createTempDirectory(PREFIX);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the simulated kernel's journal directory", e);
            }
            directory.toFile().deleteOnExit();
            for (String name : List.of("sysfs.lock", "sysfs.journal", "sysfs.journal.next")) {
                directory.resolve(name).toFile().deleteOnExit();
            }
        }
        return directory;
    }
}
