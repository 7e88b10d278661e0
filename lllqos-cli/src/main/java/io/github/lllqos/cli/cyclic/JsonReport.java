package io.github.lllqos.cli.cyclic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --json} file: every key cyclictest's {@code --json} writes, in its layout (so its readers read ours),
 * plus, per thread, the Linux thread id, priority, interval, lateness percentiles in µs and the exact maximum in
 * ns, and at the top the policy and the CPU latency request.
 */
public final class JsonReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ROOT);

    private JsonReport() {
    }

    /**
     * Writes the report of a run.
     *
     * @param result the run
     * @param commandLine the command line, for the {@code cmdline:} key
     * @param returnCode the process's exit code, for the {@code return_code} key
     * @param file where to write it
     * @throws IOException if the file cannot be written
     */
    public static void write(CyclicResult result, String commandLine, int returnCode, Path file) throws IOException {
        Files.writeString(file, render(result, commandLine, returnCode, SystemInfo.current()));
    }

    /**
     * The report of a run as text.
     *
     * @param result the run
     * @param commandLine the command line
     * @param returnCode the process's exit code
     * @param system the machine's uname fields
     * @return the JSON text
     */
    public static String render(CyclicResult result, String commandLine, int returnCode, SystemInfo system) {
        CyclicSettings settings = result.settings();
        List<ThreadStats> threads = result.threads();
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"file_version\": 1,\n");
        json.append("  \"cmdline:\": ").append(string(commandLine)).append(",\n");
        json.append("  \"rt_test_version:\": ").append(string("lllqos cyclic")).append(",\n");
        json.append("  \"start_time\": ").append(string(time(result.start()))).append(",\n");
        json.append("  \"end_time\": ").append(string(time(result.end()))).append(",\n");
        json.append("  \"return_code\": ").append(returnCode).append(",\n");
        json.append("  \"sysinfo\": {\n");
        json.append("    \"sysname\": ").append(string(system.sysname())).append(",\n");
        json.append("    \"nodename\": ").append(string(system.nodename())).append(",\n");
        json.append("    \"release\": ").append(string(system.release())).append(",\n");
        json.append("    \"version\": ").append(string(system.version())).append(",\n");
        json.append("    \"machine\": ").append(string(system.machine())).append(",\n");
        json.append("    \"realtime\": ").append(system.realtime() ? 1 : 0).append('\n');
        json.append("  },\n");
        json.append("  \"policy\": ").append(string(PolicyNames.name(settings.policy()))).append(",\n");
        json.append("  \"latency_target\": ").append(settings.latencyTargetMicros().isPresent()
                ? Integer.toString(settings.latencyTargetMicros().getAsInt()) : "null").append(",\n");
        json.append("  \"laptop\": ").append(settings.latencyTargetMicros().isEmpty()).append(",\n");
        json.append("  \"latency_target_held\": ").append(result.leaseHeld()).append(",\n");
        json.append("  \"num_threads\": ").append(threads.size()).append(",\n");
        json.append("  \"resolution_in_ns\": 0,\n");
        json.append("  \"thread\": {\n");
        for (int i = 0; i < threads.size(); i++) {
            ThreadStats t = threads.get(i);
            json.append("    \"").append(i).append("\": {\n");
            json.append("      \"histogram\": {");
            t.buckets().ifPresent(buckets -> histogram(buckets, json));
            json.append("      },\n");
            json.append("      \"cycles\": ").append(t.cycles()).append(",\n");
            json.append("      \"min\": ").append(t.minMicros()).append(",\n");
            json.append("      \"max\": ").append(t.maxMicros()).append(",\n");
            json.append("      \"avg\": ").append(String.format(Locale.ROOT, "%.2f",
                    t.cycles() == 0 ? 0.0 : (double) t.sumMicros() / t.cycles())).append(",\n");
            json.append("      \"cpu\": ").append(t.cpu()).append(",\n");
            json.append("      \"node\": 0,\n");
            json.append("      \"tid\": ").append(t.tid()).append(",\n");
            json.append("      \"priority\": ").append(t.priority()).append(",\n");
            json.append("      \"interval\": ").append(t.intervalMicros()).append(",\n");
            json.append("      \"percentiles_us\": {");
            json.append(String.format(Locale.ROOT, "\"50\": %.3f, \"99\": %.3f, \"99.9\": %.3f},\n",
                    Percentiles.micros(t.percentileNanos(50)), Percentiles.micros(t.percentileNanos(99)),
                    Percentiles.micros(t.percentileNanos(99.9))));
            json.append("      \"max_ns\": ").append(t.maxNanos()).append('\n');
            json.append("    }").append(i == threads.size() - 1 ? "" : ",").append('\n');
        }
        json.append("  }\n}\n");
        return json.toString();
    }

    private static void histogram(LatencyBuckets buckets, StringBuilder json) {
        boolean any = false;
        for (int micros = 0; micros < buckets.rangeMicros(); micros++) {
            long count = buckets.count(micros);
            if (count != 0) {
                json.append(any ? ",\n" : "\n").append("        \"").append(micros).append("\": ").append(count);
                any = true;
            }
        }
        if (any) {
            json.append('\n');
        }
    }

    private static String time(Instant instant) {
        return TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    static String string(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
