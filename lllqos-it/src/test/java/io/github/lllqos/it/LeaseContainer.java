package io.github.lllqos.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A container running the lease-holding program: commands go to its standard input, state lines come from its
 * attached output. Created and removed by {@link Containers}.
 */
final class LeaseContainer {

    /** How long a container may take to start its JVM and report; generous for a loaded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How long a command, a stop or a kill may take to show. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient client;
    private final String id;
    private final String name;
    private final ContainerSpec spec;
    private final OutputLines output;
    private final OutputStream commands;
    private final ResultCallback.Adapter<Frame> attachment;
    private volatile StateLine startState;

    LeaseContainer(DockerClient client, String id, String name, ContainerSpec spec, OutputLines output,
            OutputStream commands, ResultCallback.Adapter<Frame> attachment) {
        this.client = client;
        this.id = id;
        this.name = name;
        this.spec = spec;
        this.output = output;
        this.commands = commands;
        this.attachment = attachment;
    }

    /** The container's unique name. */
    String name() {
        return name;
    }

    /** The engine's id of the container. */
    String id() {
        return id;
    }

    /** Waits for the program's first state line, after the container is started. */
    void awaitStart() throws InterruptedException {
        startState = awaitState("start", START_TIMEOUT);
    }

    /** The program's first state line: whether the lease was acquired at start, and why not. */
    StateLine startState() {
        return startState;
    }

    /** Sends one command line to the program ({@code update N}, {@code close}, {@code stop}). */
    void send(String command) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    /**
     * Waits for the program's next state line with this event.
     *
     * @throws AssertionError with the container's logs if none comes in time
     */
    StateLine awaitState(String event, Duration timeout) throws InterruptedException {
        return StateLine.parse(awaitEvent(event, timeout));
    }

    /**
     * Waits for the program's answer to {@code realtime POLICY PRIORITY}.
     *
     * @throws AssertionError with the container's logs if none comes in time
     */
    RealtimeLine awaitRealtime(Duration timeout) throws InterruptedException {
        return RealtimeLine.parse(awaitEvent("realtime", timeout));
    }

    private String awaitEvent(String event, Duration timeout) throws InterruptedException {
        return output.awaitNext(line -> ReportFields.reports(line, event), "with event=" + event
                + " from container " + name, timeout, this::logs);
    }

    /** The host's process id of the program (PID 1 inside). */
    long hostPid() {
        Long pid = inspect().getState().getPidLong();
        if (pid == null || pid == 0) {
            throw new AssertionError("container " + name + " has no running process\n" + logs());
        }
        return pid;
    }

    /** Whether the container is running now. */
    boolean running() {
        return Boolean.TRUE.equals(inspect().getState().getRunning());
    }

    /** {@code docker stop}: SIGTERM (the program releases its lease), then waits for the exit. */
    int stop() {
        client.stopContainerCmd(id).withTimeout((int) STEP_TIMEOUT.toSeconds()).exec();
        return awaitExit();
    }

    /** {@code docker kill --signal KILL}: no clean-up in the program at all; waits for the exit. */
    int kill() {
        client.killContainerCmd(id).withSignal("KILL").exec();
        return awaitExit();
    }

    /** Waits for the program to exit by itself (after {@code stop}). */
    int awaitStopped() {
        return awaitExit();
    }

    private int awaitExit() {
        try {
            return client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new AssertionError("container " + name + " did not exit within " + STEP_TIMEOUT + ": " + e
                    + "\n" + logs(), e);
        }
    }

    private InspectContainerResponse inspect() {
        return client.inspectContainerCmd(id).exec();
    }

    /** The container's description, state and everything it printed, for failure messages. */
    String logs() {
        String state;
        try {
            InspectContainerResponse.ContainerState s = inspect().getState();
            state = "status " + s.getStatus() + ", exit code " + s.getExitCodeLong() + ", OOM killed "
                    + s.getOOMKilled() + (s.getError() == null || s.getError().isEmpty() ? "" : ", " + s.getError());
        } catch (RuntimeException e) {
            state = "not inspectable: " + e.getMessage();
        }
        return "--- logs of container " + name + " (" + spec.describe() + "; " + state + ")\n" + output.text()
                + "\n--- end of " + name;
    }

    /** Detaches and removes the container, running or not. */
    void remove() {
        try {
            commands.close();
            attachment.close();
        } catch (IOException e) {
            // the attachment is gone either way
        }
        client.removeContainerCmd(id).withForce(true).exec();
    }
}
