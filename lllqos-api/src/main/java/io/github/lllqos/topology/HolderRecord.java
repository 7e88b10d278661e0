package io.github.lllqos.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The holder record a reservation stores with each CPU lock ({@code key=value} lines: {@code pid}, {@code start},
 * {@code host}, {@code thread}), and its reading back.
 */
final class HolderRecord {

    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final String START = SELF.info().startInstant().map(Instant::toString).orElse("");
    private static final String HOST = hostName();

    private HolderRecord() {
    }

    /** The record of the calling thread of this process. */
    static String ofCurrentThread() {
        return "pid=" + SELF.pid() + "\nstart=" + START + "\nhost=" + HOST + "\nthread="
                + Thread.currentThread().getName().replace('\n', ' ') + "\n";
    }

    /** Reads a record back; a blank one is a holder that has not written it yet. */
    static CpuHolder parse(int cpu, String record) {
        Map<String, String> fields = new HashMap<>();
        for (String line : record.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        OptionalLong pid = OptionalLong.empty();
        try {
            pid = fields.containsKey("pid") ? OptionalLong.of(Long.parseLong(fields.get("pid"))) : pid;
        } catch (NumberFormatException e) {
            // a record written by something else: reported without a PID
        }
        Optional<Instant> started = Optional.empty();
        try {
            String start = fields.getOrDefault("start", "");
            started = start.isEmpty() ? started : Optional.of(Instant.parse(start));
        } catch (DateTimeParseException e) {
            // reported without a start time
        }
        String host = fields.getOrDefault("host", "");
        boolean self = pid.isPresent() && pid.getAsLong() == SELF.pid() && host.equals(HOST)
                && started.map(Instant::toString).orElse("").equals(START);
        return new CpuHolder(cpu, pid, started, host, fields.getOrDefault("thread", ""), self);
    }

    /** The UTS host name (a container's is its id), read without a name lookup. */
    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | SecurityException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("");
        }
    }
}
