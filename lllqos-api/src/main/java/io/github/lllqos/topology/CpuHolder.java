package io.github.lllqos.topology;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who holds a reserved CPU, as its lock records it.
 *
 * @param cpu the CPU
 * @param pid the holder's process id (in the holder's PID namespace: a container's PIDs differ from the host's),
 *     empty when the holder has not recorded it yet
 * @param started when the holder's process started, to tell it from a later process with the same PID
 * @param host the holder's host name (a container's is its id), empty where unknown
 * @param thread the holder's thread name, empty where unknown
 * @param thisProcess whether the holder is this process
 */
public record CpuHolder(int cpu, OptionalLong pid, Optional<Instant> started, String host, String thread,
                        boolean thisProcess) {

    /**
     * The holder in words, for reasons and {@code lllqos cpus}.
     *
     * @return such as {@code "PID 4242 (thread 'rt-0', host 'build1', started 2026-12-01T18:00:00Z)"}
     */
    public String describe() {
        if (pid.isEmpty()) {
            return "a holder that has not recorded itself yet";
        }
        StringBuilder text = new StringBuilder(thisProcess ? "this process, PID " : "PID ").append(pid.getAsLong());
        StringBuilder details = new StringBuilder();
        if (!thread.isEmpty()) {
            details.append("thread '").append(thread).append('\'');
        }
        if (!host.isEmpty()) {
            details.append(details.length() > 0 ? ", " : "").append("host '").append(host).append('\'');
        }
        started.ifPresent(instant -> details.append(details.length() > 0 ? ", " : "").append("started ")
                .append(instant));
        return details.length() == 0 ? text.toString() : text.append(" (").append(details).append(')').toString();
    }
}
