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
 */
final class SimulatedJournalDirectory {

    private Path directory;

    synchronized Path path() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("lllqos-simulated-journal");
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
