package io.github.lllqos.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel itself reports about the calling thread and this process, for checking our effects. */
final class KernelReport {

    static final int SCHED_OTHER = 0;
    static final int SCHED_FIFO = 1;
    static final int SCHED_RR = 2;
    static final int SCHED_DEADLINE = 6;

    private KernelReport() {
    }

    /** Field {@code n} (1-based, as in proc(5)) of {@code /proc/thread-self/stat}. */
    private static long statField(int n) {
        String stat = read(Path.of("/proc/thread-self/stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(afterName[n - 3]);
    }

    static int policy() {
        return (int) statField(41);
    }

    static int rtPriority() {
        return (int) statField(40);
    }

    static int nice() {
        return (int) statField(19);
    }

    static String cpusAllowedList() {
        return statusField(Path.of("/proc/thread-self/status"), "Cpus_allowed_list");
    }

    /** {@code /proc/<tid>/timerslack_ns}: the file exists only there, not under {@code task/<tid>}. */
    static long timerSlackNanos() {
        return Long.parseLong(read(Path.of("/proc/" + threadId() + "/timerslack_ns")).trim());
    }

    /** The calling thread's id, from the {@code /proc/thread-self} link ({@code <pid>/task/<tid>}). */
    static long threadId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long lockedKilobytes() {
        return Long.parseLong(statusField(Path.of("/proc/self/status"), "VmLck").replace("kB", "").trim());
    }

    static int policyOf(long tid) {
        String stat = read(Path.of("/proc/self/task/" + tid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[38]);
    }

    private static String statusField(Path status, String name) {
        return read(status).lines().filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElseThrow();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
