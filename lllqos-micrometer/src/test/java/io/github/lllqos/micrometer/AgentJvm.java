package io.github.lllqos.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM running {@link MicrometerApplication} with the complete agent jar, and its application's own
 * Micrometer on the class path.
 */
final class AgentJvm implements AutoCloseable {

    /** The complete agent jar, which this module's package phase builds. */
    static final Path AGENT_JAR = Path.of(System.getProperty("lllqos.agent.jar",
            "../lllqos-agent/target/lllqos-agent.jar"));

    private final Process process;
    private final Path out;
    private final Path err;

    /** What the child printed, once it ended. */
    record Result(int exitCode, List<String> stdout, List<String> stderr) {

        /** The rest of the stdout line that begins with {@code key} and a space. */
        String line(String key) {
            return stdout.stream().filter(line -> line.startsWith(key + " ")).findFirst()
                    .map(line -> line.substring(key.length() + 1)).orElseThrow(() -> new AssertionError(
                            "no line '" + key + "' in " + stdout));
        }
    }

    private AgentJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts the application for {@code millis} with {@code -javaagent:lllqos-agent.jar=OPTIONS}. */
    static AgentJvm start(String options, long millis) throws IOException {
        assertThat(AGENT_JAR).as("the agent jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As an application that runs the agent grants it (docs/monitor.md): the Linux provider's native calls.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=" + options);
        command.add("-cp");
        command.add(applicationClassPath());
        command.add(MicrometerApplication.class.getName());
        command.add(Long.toString(millis));
        Path out = Files.createTempFile("agent-jvm", ".out");
        Path err = Files.createTempFile("agent-jvm", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new AgentJvm(process, out, err);
    }

    /** The application's classes and its own Micrometer (with what Micrometer needs), and nothing of lllqos. */
    private static String applicationClassPath() {
        List<String> entries = new ArrayList<>();
        entries.add(location(MicrometerApplication.class));
        // Judged by the jar's name alone: the repository's own path may contain "lllqos" (a work tree, a CI copy).
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> {
                    String jar = Path.of(entry).getFileName().toString();
                    return (jar.startsWith("micrometer") || jar.startsWith("HdrHistogram")
                            || jar.startsWith("LatencyUtils") || jar.startsWith("jspecify"))
                            && !jar.contains("lllqos");
                })
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of {@code http://host:port/metrics} once it has a line that starts with {@code wanted}, in 20 s. */
    static Optional<String> scrapeUntil(String host, int port, String wanted) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        long giveUp = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() - giveUp < 0) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().lines().anyMatch(l -> l.startsWith(wanted))) {
                    assertThat(response.headers().firstValue("Content-Type")).hasValue(
                            "text/plain; version=0.0.4; charset=utf-8");
                    return Optional.of(response.body());
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    /** Waits for the application's end and returns what it printed. */
    Result await() throws IOException, InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the child JVM did not end: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err).stream()
                .filter(line -> !line.isBlank()).collect(Collectors.toList()));
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
