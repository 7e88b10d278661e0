package io.github.lllqos.monitor.agent;

import io.github.lllqos.monitor.MonitorSettings;
import io.github.lllqos.realtime.SchedPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The agent's options, {@code -javaagent:lllqos-agent.jar=monitor,interval=500,report=/tmp/wakeups.json}:
 * comma-separated, each a word or {@code name=value}.
 *
 * @param monitor whether to run the wake-up monitor
 * @param settings the monitor's settings
 * @param latencyMicros a CPU latency request to hold for the JVM's life, if any
 * @param report where to write the JSON report at exit, if anywhere
 * @param reportEverySeconds how often to write it meanwhile, 0 for only at exit
 * @param prometheusPort the port of a Prometheus endpoint, if one was asked for
 * @param prometheusHost the address it would listen on, if given
 * @param stop whether these options stop what an earlier load started (what {@code lllqos attach} sends when it
 *     detaches)
 */
record AgentOptions(boolean monitor, MonitorSettings settings, OptionalInt latencyMicros, Optional<Path> report,
                    int reportEverySeconds, OptionalInt prometheusPort, Optional<String> prometheusHost,
                    boolean stop) {

    /** The options that mean nothing to do: what an empty option string gives. */
    static final AgentOptions NONE = new AgentOptions(false, MonitorSettings.defaults(), OptionalInt.empty(),
            Optional.empty(), 0, OptionalInt.empty(), Optional.empty(), false);

    /** Whether these options ask for anything. */
    boolean anything() {
        return monitor || stop || latencyMicros.isPresent();
    }

    /** Bad options: the message names the option and the rule. */
    static final class InvalidOptionException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOptionException(String message) {
            super(message);
        }
    }

    /**
     * Parses an option string.
     *
     * @param text the part after {@code =} in {@code -javaagent:lllqos-agent.jar=...}; null or blank for none
     * @return the options
     * @throws InvalidOptionException naming the first bad option and the rule it breaks
     */
    static AgentOptions parse(String text) throws InvalidOptionException {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        boolean monitor = false;
        boolean stop = false;
        MonitorSettings settings = MonitorSettings.defaults();
        OptionalInt latency = OptionalInt.empty();
        Optional<Path> report = Optional.empty();
        int every = 0;
        OptionalInt port = OptionalInt.empty();
        Optional<String> host = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (String option : text.split(",", -1)) {
            int eq = option.indexOf('=');
            String name = (eq < 0 ? option : option.substring(0, eq)).trim();
            String value = eq < 0 ? null : option.substring(eq + 1).trim();
            if (!seen.add(name)) {
                throw new InvalidOptionException(quote(option) + ": " + name + " is given twice");
            }
            switch (name) {
                case "monitor" -> {
                    flag(option, value);
                    monitor = true;
                }
                case "stop" -> {
                    flag(option, value);
                    stop = true;
                }
                case "interval" -> settings = settings.withInterval(Duration.ofNanos(
                        number(option, value, 10, 10_000_000, "a whole number of microseconds") * 1000));
                case "late" -> settings = settings.withLateThreshold(Duration.ofNanos(
                        number(option, value, 1, 3_600_000_000L, "a whole number of microseconds") * 1000));
                case "priority" -> {
                    int priority = (int) number(option, value, 0, 99, "0 (SCHED_OTHER) or a SCHED_FIFO priority");
                    settings = priority == 0 ? settings.withScheduling(SchedPolicy.OTHER, 0)
                            : settings.withScheduling(SchedPolicy.FIFO, priority);
                }
                case "cpu" -> settings = settings.withCpu((int) number(option, value, 0, 65_535, "a CPU number"));
                case "latency" -> latency = OptionalInt.of((int) number(option, value, 0, Integer.MAX_VALUE,
                        "a whole number of microseconds"));
                case "report" -> {
                    if (value == null || value.isEmpty()) {
                        throw new InvalidOptionException(quote(option) + ": report= needs a file name");
                    }
                    report = Optional.of(Path.of(value));
                }
                case "report-every" -> every = (int) number(option, value, 1, 86_400, "a whole number of seconds");
                case "prometheus" -> port = OptionalInt.of((int) number(option, value, 1, 65_535, "a TCP port"));
                case "prometheus-host" -> {
                    if (value == null || value.isEmpty()) {
                        throw new InvalidOptionException(quote(option) + ": prometheus-host= needs an address");
                    }
                    host = Optional.of(value);
                }
                default -> throw new InvalidOptionException(quote(option) + " is not an option: use monitor,"
                        + " interval=US, late=US, priority=N, cpu=N, latency=US, report=FILE, report-every=S,"
                        + " prometheus=PORT, prometheus-host=ADDR");
            }
        }
        for (String needsMonitor : new String[] {"interval", "late", "priority", "cpu", "report", "report-every",
                "prometheus", "prometheus-host"}) {
            if (seen.contains(needsMonitor) && !monitor) {
                throw new InvalidOptionException("'" + needsMonitor + "=' configures the monitor: add monitor");
            }
        }
        if (every > 0 && report.isEmpty()) {
            throw new InvalidOptionException("'report-every=' needs report=FILE to write to");
        }
        if (stop && seen.size() > 1) {
            throw new InvalidOptionException("'stop' stands alone: it stops what an earlier load started");
        }
        return new AgentOptions(monitor, settings, latency, report, every, port, host, stop);
    }

    private static void flag(String option, String value) throws InvalidOptionException {
        if (value != null) {
            throw new InvalidOptionException(quote(option) + ": this option takes no value");
        }
    }

    private static long number(String option, String value, long min, long max, String what)
            throws InvalidOptionException {
        String rule = " must be " + what + " from " + min + " to " + max;
        if (value == null || value.isEmpty()) {
            throw new InvalidOptionException(quote(option) + ": the value" + rule);
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new InvalidOptionException(quote(option) + ":" + rule);
    }

    private static String quote(String option) {
        return "'" + option + "'";
    }
}
