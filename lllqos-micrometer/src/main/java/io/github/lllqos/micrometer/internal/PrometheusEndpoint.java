package io.github.lllqos.micrometer.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lllqos.micrometer.CpuLatencyMetrics;
import io.github.lllqos.micrometer.WakeupMonitorMetrics;
import io.github.lllqos.monitor.WakeupMonitor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's {@code /metrics}: a Prometheus registry of its own (never Micrometer's global one) with the monitor's
 * and the leases' meters, served in Prometheus's text format by the JDK's HTTP server. The agent
 * ({@code prometheus=PORT}) starts it by name through {@link #start}, so that lllqos-agent itself needs no Micrometer.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    /** Prometheus's text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final WakeupMonitorMetrics metrics;
    private final CpuLatencyMetrics leases;
    private final PrometheusMeterRegistry registry;

    private PrometheusEndpoint(HttpServer server, WakeupMonitorMetrics metrics, CpuLatencyMetrics leases,
                               PrometheusMeterRegistry registry) {
        this.server = server;
        this.metrics = metrics;
        this.leases = leases;
        this.registry = registry;
    }

    /**
     * Binds {@code host:port} and serves the meters of {@code monitor} and of the leases at {@code /metrics}.
     *
     * @param monitor the running monitor
     * @param host the address to listen on, such as {@code 127.0.0.1}
     * @param port the TCP port
     * @return the running endpoint; close it to stop it
     * @throws IOException if the port cannot be bound (taken, or not allowed)
     */
    public static PrometheusEndpoint start(WakeupMonitor monitor, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WakeupMonitorMetrics metrics = new WakeupMonitorMetrics(monitor);
        metrics.bindTo(registry);
        CpuLatencyMetrics leases = new CpuLatencyMetrics();
        leases.bindTo(registry);
        server.createContext("/metrics", exchange -> scrape(exchange, registry));
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lllqos-prometheus");
            thread.setDaemon(true);
            return thread;
        }));
        PrometheusEndpoint endpoint = new PrometheusEndpoint(server, metrics, leases, registry);
        try {
            startAsDaemon(server);
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        return endpoint;
    }

    /** The server's dispatcher thread takes the daemon flag of the thread that starts it: it must not keep the JVM. */
    private static void startAsDaemon(HttpServer server) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "lllqos-prometheus-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void scrape(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /**
     * The port it listens on.
     *
     * @return the bound port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving, moving the lateness into the registry and refreshing the lease targets' gauges. */
    @Override
    public void close() {
        server.stop(0);
        metrics.close();
        leases.close();
        registry.close();
    }
}
