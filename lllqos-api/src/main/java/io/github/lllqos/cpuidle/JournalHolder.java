package io.github.lllqos.cpuidle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who holds a journalled sysfs value: a lease of a process, named by the process's PID, its start time (so that a
 * PID the kernel has given to a new process is not taken for the holder) and a number of the lease in that
 * process. The start time is field 22 of {@code /proc/PID/stat} (clock ticks after boot) where {@code /proc}
 * exists, else the JVM's view of the start instant in milliseconds.
 *
 * @param pid the process
 * @param startTime when it started, as above
 * @param lease the lease within the process
 */
record JournalHolder(long pid, long startTime, long lease) {

    /**
     * The holder of a value a lease kept ({@link JournalEntry.Hold#kept(String)}): no process. PID 0 is no user
     * process, so no lease has this holder.
     */
    static final JournalHolder NOBODY = new JournalHolder(0, 0, 0);

    private static final Path PROC = Path.of("/proc");
    private static final AtomicLong LEASES = new AtomicLong();
    private static final long SELF_PID = ProcessHandle.current().pid();
    private static final long SELF_START = startTimeOf(SELF_PID).orElse(0);

    /**
     * A new holder in this process.
     *
     * @return a holder no other lease of this process has
     */
    static JournalHolder next() {
        return new JournalHolder(SELF_PID, SELF_START, LEASES.incrementAndGet());
    }

    /**
     * Whether the process that took this hold still runs: the PID exists, is not a zombie, and started when the
     * holder did.
     *
     * @return false once the process has ended, also when its PID now belongs to another process
     */
    boolean alive() {
        if (pid == SELF_PID) {
            return startTime == SELF_START;
        }
        return startTimeOf(pid).equals(OptionalLong.of(startTime));
    }

    /**
     * When a running process started.
     *
     * @param pid the process
     * @return its start time as this record defines it; empty when no such process runs (or it is a zombie)
     */
    static OptionalLong startTimeOf(long pid) {
        if (Files.isDirectory(PROC)) {
            try {
                return startTimeInStat(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
            } catch (IOException noSuchProcess) {
                return OptionalLong.empty();
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(process -> process.info().startInstant())
                .map(instant -> OptionalLong.of(instant.toEpochMilli())).orElse(OptionalLong.empty());
    }

    /**
     * Field 22 of a {@code /proc/PID/stat} line; the command name (field 2) may hold spaces and parentheses, so the
     * fields are counted after its last {@code ')'}.
     *
     * @param stat the line
     * @return the start time, empty for a zombie or dead process (state {@code Z} or {@code X}) or a line that does
     *     not parse
     */
    static OptionalLong startTimeInStat(String stat) {
        int commandEnd = stat.lastIndexOf(')');
        if (commandEnd < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(commandEnd + 1).strip().split(" +");
        if (fields.length < 20 || fields[0].equals("Z") || fields[0].equals("X")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[19]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
