package io.github.lllqos.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lllqos.contract.RealEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package; test.sh installs it as root) on loopback, with its own
 * storage in a temporary directory, scraping one target every second; and its HTTP query API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One series of an instant query's result. */
    record Sample(Map<String, String> labels, double value) {
    }

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The prometheus program on the PATH, if there is one. */
    static Optional<Path> program() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "prometheus")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts Prometheus scraping {@code 127.0.0.1:targetPort/metrics} every second, and waits until it is ready.
     * Skips (or fails under {@code -Dlllqos.require=real}) where prometheus is missing or does not start.
     */
    static PrometheusServer start(Path dir, int targetPort) throws IOException, InterruptedException {
        Optional<Path> program = program();
        RealEnvironment.require(program.isPresent(), "prometheus is not installed (Debian: apt-get install"
                + " prometheus; test.sh does it as root)");
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: lllqos",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + targetPort + "']",
                ""));
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(program.get().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        long giveUp = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.ready()) {
            if (!process.isAlive() || System.nanoTime() - giveUp > 0) {
                String tail = server.logTail();
                server.close();
                RealEnvironment.require(false, "prometheus did not start within " + START_TIMEOUT + ": " + tail);
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(uri("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs an instant query through {@code /api/v1/query}.
     *
     * @return the series of its vector result, or of a scalar as one series without labels
     * @throws IOException if Prometheus does not answer, or answers with an error
     */
    List<Sample> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode root = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
            throw new IOException("query " + promql + " failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode data = root.path("data");
        List<Sample> samples = new ArrayList<>();
        if ("scalar".equals(data.path("resultType").asText())) {
            samples.add(new Sample(Map.of(), value(data.path("result"))));
            return samples;
        }
        for (JsonNode series : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            series.path("metric").properties().forEach(field -> labels.put(field.getKey(),
                    field.getValue().asText()));
            samples.add(new Sample(labels, value(series.path("value"))));
        }
        return samples;
    }

    /** Prometheus writes a sample as {@code [time, "value"]}, the value a string that may be NaN or +Inf. */
    private static double value(JsonNode pair) {
        return switch (pair.path(1).asText()) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(pair.path(1).asText());
        };
    }

    /** The last lines Prometheus logged, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after 20 s) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
