/**
 * The lllqos wake-up monitor: a thread that wakes at absolute deadlines inside the monitored JVM, measures how late
 * each wake-up ran and says why, from JFR's safepoint events, the thread's scheduler statistics and the
 * hypervisor's steal time. Start with {@link io.github.lllqos.monitor.WakeupMonitor}; the Java agent
 * ({@code -javaagent:lllqos-agent.jar=monitor}) runs one for a whole application.
 */
// HdrHistogram publishes no module name: it is required by its file name until it does.
@SuppressWarnings("requires-automatic")
module io.github.lllqos.monitor {
    requires transitive io.github.lllqos;
    requires HdrHistogram;
    requires com.fasterxml.jackson.databind;
    requires jdk.jfr;
    requires java.management;
    requires java.instrument;

    exports io.github.lllqos.monitor;
}
