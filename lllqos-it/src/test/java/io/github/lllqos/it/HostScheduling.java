package io.github.lllqos.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A thread's scheduling as the host's {@code /proc} reports it, for a thread known by its id inside a container's
 * pid namespace (found through the {@code NSpid} line of each task's status).
 */
final class HostScheduling {

    /** {@code SCHED_OTHER}, as {@code /proc/PID/task/TID/stat} reports the policy. */
    static final int SCHED_OTHER = 0;
    /** {@code SCHED_FIFO}. */
    static final int SCHED_FIFO = 1;

    /** The policy, real-time priority and nice value of one thread. */
    record Scheduling(int policy, int rtPriority, int nice) {
    }

    private HostScheduling() {
    }

    /**
     * The scheduling of the thread of host process {@code hostPid} whose id in the innermost pid namespace is
     * {@code namespaceTid}.
     *
     * @throws AssertionError if the process has no such thread
     */
    static Scheduling ofThread(long hostPid, long namespaceTid) {
        Path tasks = Path.of("/proc", Long.toString(hostPid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path task : threads) {
                if (innermostId(task) == namespaceTid) {
                    return read(task.resolve("stat"));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + tasks + ": " + e, e);
        }
        throw new AssertionError("process " + hostPid + " has no thread with id " + namespaceTid
                + " in its pid namespace");
    }

    private static long innermostId(Path task) throws IOException {
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("NSpid:")) {
                String[] ids = line.substring("NSpid:".length()).trim().split("\\s+");
                return Long.parseLong(ids[ids.length - 1]);
            }
        }
        throw new AssertionError(task + "/status has no NSpid line");
    }

    /** Fields 41 (policy), 40 (rt_priority) and 19 (nice) of proc(5)'s stat. */
    private static Scheduling read(Path stat) throws IOException {
        String line = Files.readString(stat);
        List<String> fields = List.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
        return new Scheduling(field(fields, 41), field(fields, 40), field(fields, 19));
    }

    /** Field {@code number} as proc(5) counts them: the fields after the command's ") " start at 3, the state. */
    private static int field(List<String> afterCommand, int number) {
        return Integer.parseInt(afterCommand.get(number - 3));
    }
}
