package io.github.lllqos.cli.cyclic;

import io.github.lllqos.cli.json.JsonStyle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * ns, with {@code --spin} its spinning cost ({@link SpinCost}), with {@code --policy deadline} its parameters and
 * missed periods ({@link DeadlineRun}), and at the top the policy and the CPU latency request.
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
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file_version", 1);
        json.put("cmdline:", commandLine);
        json.put("rt_test_version:", "lllqos cyclic");
        json.put("start_time", time(result.start()));
        json.put("end_time", time(result.end()));
        json.put("return_code", returnCode);
        Map<String, Object> sysinfo = new LinkedHashMap<>();
        sysinfo.put("sysname", system.sysname());
        sysinfo.put("nodename", system.nodename());
        sysinfo.put("release", system.release());
        sysinfo.put("version", system.version());
        sysinfo.put("machine", system.machine());
        sysinfo.put("realtime", system.realtime() ? 1 : 0);
        json.put("sysinfo", sysinfo);
        json.put("policy", PolicyNames.name(settings.policy()));
        json.put("latency_target", settings.latencyTargetMicros().isPresent()
                ? settings.latencyTargetMicros().getAsInt() : null);
        json.put("laptop", settings.latencyTargetMicros().isEmpty());
        json.put("latency_target_held", result.leaseHeld());
        json.put("num_threads", threads.size());
        json.put("resolution_in_ns", 0);
        Map<String, Object> byThread = new LinkedHashMap<>();
        for (int i = 0; i < threads.size(); i++) {
            byThread.put(Integer.toString(i), thread(settings, threads.get(i)));
        }
        json.put("thread", byThread);
        return JsonStyle.indented(json);
    }

    private static Map<String, Object> thread(CyclicSettings settings, ThreadStats t) {
        Map<String, Object> thread = new LinkedHashMap<>();
        Map<String, Long> histogram = new LinkedHashMap<>();
        t.buckets().ifPresent(buckets -> {
            for (int micros = 0; micros < buckets.rangeMicros(); micros++) {
                if (buckets.count(micros) != 0) {
                    histogram.put(Integer.toString(micros), buckets.count(micros));
                }
            }
        });
        thread.put("histogram", histogram);
        thread.put("cycles", t.cycles());
        thread.put("min", t.minMicros());
        thread.put("max", t.maxMicros());
        thread.put("avg", decimal(t.cycles() == 0 ? 0.0 : (double) t.sumMicros() / t.cycles(), 2));
        thread.put("cpu", t.cpu());
        thread.put("node", 0);
        thread.put("tid", t.tid());
        thread.put("priority", t.priority());
        thread.put("interval", t.intervalMicros());
        Map<String, Object> percentiles = new LinkedHashMap<>();
        percentiles.put("50", decimal(Percentiles.micros(t.percentileNanos(50)), 3));
        percentiles.put("99", decimal(Percentiles.micros(t.percentileNanos(99)), 3));
        percentiles.put("99.9", decimal(Percentiles.micros(t.percentileNanos(99.9)), 3));
        thread.put("percentiles_us", percentiles);
        thread.put("max_ns", t.maxNanos());
        Summary.spinCost(settings, t).ifPresent(cost -> thread.put("spin", cost));
        Summary.deadlineRun(settings, t).ifPresent(run -> thread.put("deadline", run));
        return thread;
    }

    /** A number with a fixed count of decimals, as cyclictest prints its averages. */
    private static BigDecimal decimal(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    private static String time(Instant instant) {
        return TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

}
