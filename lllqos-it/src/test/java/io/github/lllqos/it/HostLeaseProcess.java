package io.github.lllqos.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lease-holding program as a plain JVM process on the host, with the jars of the test image. Its output is
 * collected as it comes; {@link #destroy()} kills it if it is still running.
 */
final class HostLeaseProcess {

    private final int targetMicros;
    private final Process process;
    private final OutputLines output = new OutputLines();
    private final OutputStream commands;

    private HostLeaseProcess(int targetMicros, Process process) {
        this.targetMicros = targetMicros;
        this.process = process;
        this.commands = process.getOutputStream();
        Thread pump = new Thread(this::pumpOutput, "lease-process-" + process.pid() + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts the program holding a lease at {@code targetMicros}. */
    static HostLeaseProcess start(int targetMicros) throws IOException {
        String context = System.getProperty(DockerEngine.CONTEXT_PROPERTY);
        if (context == null) {
            throw new AssertionError("-D" + DockerEngine.CONTEXT_PROPERTY + " is not set: run with -Pit");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-cp", Path.of(context, "lib", "*").toString(), ContainerSpec.MAIN_CLASS,
                Integer.toString(targetMicros)))
                .redirectErrorStream(true)
                .start();
        return new HostLeaseProcess(targetMicros, process);
    }

    private void pumpOutput() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                output.append(buffer, n);
            }
        } catch (IOException e) {
            // the process is gone; what it printed is kept
        }
    }

    /** The process id. */
    long pid() {
        return process.pid();
    }

    /** Sends one command line to the program. */
    void send(String command) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    /**
     * Waits for the program's next state line with this event.
     *
     * @throws AssertionError with the program's output if none comes in time
     */
    StateLine awaitState(String event, Duration timeout) throws InterruptedException {
        String line = output.awaitNext(l -> ReportFields.reports(l, event),
                "with event=" + event + " from process " + pid(), timeout, this::logs);
        return StateLine.parse(line);
    }

    /** SIGKILL, leaving the pipes open (the program gets no end of input first). */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** SIGTERM, leaving the pipes open: the program's shutdown hook releases the lease. */
    void terminate() {
        process.toHandle().destroy();
    }

    /**
     * Waits for the process to exit.
     *
     * @return its exit code
     * @throws AssertionError with its output if it does not exit in time
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process " + pid() + " did not exit within " + timeout + "\n" + logs());
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs. */
    void destroy() {
        process.destroyForcibly();
    }

    /** What the program printed, for failure messages. */
    String logs() {
        return "--- output of process " + pid() + " (target " + targetMicros + " µs, "
                + (process.isAlive() ? "running" : "exit code " + process.exitValue()) + ")\n" + output.text()
                + "\n--- end of " + pid();
    }
}
