package io.github.lllqos.monitor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link MonitoredLoad}, with the agent jar and JVM options of a test. */
final class ChildJvm {

    /** The shaded agent jar, built by the package phase before the ITs run. */
    static final Path AGENT_JAR = Path.of(System.getProperty("lllqos.agent.jar", "target/lllqos-agent.jar"));

    /** What a finished child printed. */
    record Result(int exitCode, String stdout, String stderr) {

        List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
        }
    }

    private ChildJvm() {
    }

    /** The command that runs the load for {@code millis} with the given JVM options before the main class. */
    static List<String> command(List<String> jvmOptions, long millis, boolean allocate, String... more) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As an application that runs the agent grants it (docs/monitor.md): the Linux provider's native calls.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        // Only the load's own classes: the agent's come from its shaded jar, as in an application.
        command.add("-cp");
        command.add(loadClasses());
        command.add(MonitoredLoad.class.getName());
        command.add(Long.toString(millis));
        command.add(allocate ? "allocate" : "sleep");
        command.addAll(List.of(more));
        return command;
    }

    private static String loadClasses() {
        try {
            return Path.of(MonitoredLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the load to its end and returns what it printed. */
    static Result run(List<String> jvmOptions, long millis, boolean allocate, String... more) throws IOException,
            InterruptedException {
        assertThat(AGENT_JAR).as("the agent jar (mvn package builds it)").exists();
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        try {
            Process process = new ProcessBuilder(command(jvmOptions, millis, allocate, more))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(millis + 60_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the child JVM did not end: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err).strip());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The {@code -javaagent:} option with these agent options. */
    static String agent(String options) {
        return "-javaagent:" + AGENT_JAR.toAbsolutePath() + (options.isEmpty() ? "" : "=" + options);
    }
}
