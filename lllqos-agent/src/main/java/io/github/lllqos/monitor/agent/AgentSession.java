package io.github.lllqos.monitor.agent;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.monitor.WakeupMonitor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What one load of the agent started: the CPU latency lease, the monitor and the report writer. It ends at JVM exit
 * (a shutdown hook) or when {@code stop} is loaded, whichever comes first, and then writes its last report.
 */
final class AgentSession {

    private final AgentOptions options;
    private final PrintStream err;
    private final CpuLatencyLease lease;
    private final WakeupMonitor monitor;
    private final AutoCloseable endpoint;
    private final ScheduledExecutorService writer;
    private final Thread hook;
    private boolean stopped;

    private AgentSession(AgentOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
        this.lease = options.latencyMicros().isPresent() ? LowLatency.lowWakeupLatency(
                options.latencyMicros().getAsInt()) : null;
        if (lease != null && !lease.acquired()) {
            err.println(MonitorAgent.PREFIX + "latency=" + lease.targetMicros() + " not held: "
                    + lease.notAcquiredReason().orElse(""));
        }
        this.monitor = options.monitor() ? WakeupMonitor.start(options.settings()) : null;
        this.endpoint = monitor != null && options.prometheusPort().isPresent()
                ? PrometheusLink.start(monitor, options.prometheusHost().orElse(PrometheusLink.DEFAULT_HOST),
                        options.prometheusPort().getAsInt(), err)
                : null;
        if (monitor != null && options.reportEverySeconds() > 0) {
            writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lllqos-agent-report");
                thread.setDaemon(true);
                return thread;
            });
            writer.scheduleAtFixedRate(this::writeReport, options.reportEverySeconds(),
                    options.reportEverySeconds(), TimeUnit.SECONDS);
        } else {
            writer = null;
        }
        this.hook = new Thread(this::stop, "lllqos-agent-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        if (options.report().isPresent()) {
            writeReport();
        }
    }

    /** Starts what the options ask for. */
    static AgentSession start(AgentOptions options, PrintStream err) {
        return new AgentSession(options, err);
    }

    /** Stops the monitor, writes the last report (to the file, else to stderr), releases the lease. Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (writer != null) {
            writer.shutdownNow();
        }
        PrometheusLink.stop(endpoint, err);
        if (monitor != null) {
            monitor.close();
            if (options.report().isPresent()) {
                writeReport();
            } else {
                err.print(monitor.report().toText());
            }
        }
        if (lease != null) {
            lease.close();
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs stop() again, which returns at once
            }
        }
    }

    /** The monitor, if the options asked for one. */
    Optional<WakeupMonitor> monitor() {
        return Optional.ofNullable(monitor);
    }

    /** Writes the report to a file beside the target and moves it over, so readers never see half of it. */
    private void writeReport() {
        Path file = options.report().orElseThrow();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
            Files.writeString(partial, monitor.report().toJson());
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            err.println(MonitorAgent.PREFIX + "could not write the report to " + file + ": " + e);
        }
    }
}
