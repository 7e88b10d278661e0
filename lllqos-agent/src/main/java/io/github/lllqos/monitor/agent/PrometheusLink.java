package io.github.lllqos.monitor.agent;

import io.github.lllqos.monitor.WakeupMonitor;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Starts the {@code /metrics} endpoint of {@code prometheus=PORT}. It lives in lllqos-micrometer (Micrometer's
 * Prometheus registry, relocated into the agent jar), which depends on this module: it is found by name, and an
 * agent jar built without it says so in one line.
 */
final class PrometheusLink {

    /** The address {@code prometheus=} listens on without {@code prometheus-host=}: this host only. */
    static final String DEFAULT_HOST = "127.0.0.1";

    private static final String ENDPOINT = "io.github.lllqos.micrometer.internal.PrometheusEndpoint";

    private PrometheusLink() {
    }

    /**
     * Starts serving; a failure is one line on {@code err}, and the monitor runs on without the endpoint.
     *
     * @return the endpoint, or null if it did not start
     */
    static AutoCloseable start(WakeupMonitor monitor, String host, int port, PrintStream err) {
        String where = "prometheus=" + port + " on " + host;
        try {
            Method start = Class.forName(ENDPOINT, true, PrometheusLink.class.getClassLoader())
                    .getMethod("start", WakeupMonitor.class, String.class, int.class);
            return (AutoCloseable) start.invoke(null, monitor, host, port);
        } catch (ClassNotFoundException e) {
            err.println(MonitorAgent.PREFIX + where + ": this agent jar has no Prometheus endpoint (it was built"
                    + " without lllqos-micrometer); the monitor runs without it");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof java.net.BindException ? "the port is taken or not allowed ("
                    + cause.getMessage() + ")" : cause.toString();
            err.println(MonitorAgent.PREFIX + where + " did not start: " + why + "; the monitor runs without it");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            err.println(MonitorAgent.PREFIX + where + " did not start: " + e + "; the monitor runs without it");
        }
        return null;
    }

    /** Stops serving, if it was started. */
    static void stop(AutoCloseable endpoint, PrintStream err) {
        if (endpoint == null) {
            return;
        }
        try {
            endpoint.close();
        } catch (Exception e) {
            err.println(MonitorAgent.PREFIX + "the Prometheus endpoint did not stop cleanly: " + e);
        }
    }
}
