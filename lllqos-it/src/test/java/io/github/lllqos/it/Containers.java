package io.github.lllqos.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts lease-holding containers for one test and always removes them: after the test, pass or fail, and at
 * JVM exit for any a crash left behind. Names are unique per container. A failing test's message gets the logs
 * of all its containers.
 *
 * <pre>{@code @RegisterExtension final Containers containers = new Containers();}</pre>
 */
final class Containers implements AfterEachCallback, TestExecutionExceptionHandler {

    /** The label on every container the suite creates. */
    static final String LABEL = "io.github.lllqos.it";

    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Containers::removeLeftovers, "lllqos-it-container-removal"));
    }

    private final List<LeaseContainer> started = new ArrayList<>();

    /**
     * Creates and starts a container for {@code spec} and waits for the program's first state line
     * ({@link LeaseContainer#startState()}).
     *
     * @return the container, removed after the test
     * @throws AssertionError if no engine answers, or the program does not report in time (with its logs)
     */
    LeaseContainer start(ContainerSpec spec) throws InterruptedException {
        DockerEngine engine = DockerEngine.shared();
        DockerClient client = engine.client();
        String name = "lllqos-it-" + UUID.randomUUID();
        var create = client.createContainerCmd(engine.image())
                .withName(name)
                .withCmd(spec.command())
                .withEnv(spec.env())
                .withLabels(Map.of(LABEL, "true"))
                .withStdinOpen(true)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withHostConfig(spec.hostConfig());
        spec.user().ifPresent(create::withUser);
        String id = create.exec().getId();
        LIVE.add(id);
        OutputLines output = new OutputLines();
        PipedOutputStream commands = new PipedOutputStream();
        LeaseContainer container;
        try {
            PipedInputStream stdin = new PipedInputStream(commands, 64 * 1024);
            ResultCallback.Adapter<Frame> attachment = client.attachContainerCmd(id)
                    .withStdIn(stdin)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .withLogs(true)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            output.append(frame.getPayload(), frame.getPayload().length);
                        }
                    });
            container = new LeaseContainer(client, id, name, spec, output, commands, attachment);
            started.add(container);
            if (!attachment.awaitStarted(LeaseContainer.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("could not attach to container " + name + " within "
                        + LeaseContainer.START_TIMEOUT);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot set up the input of container " + name + ": " + e, e);
        }
        try {
            client.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            String hint = spec.describe().startsWith("--privileged") ? " The engine refused --privileged; run"
                    + " without -D" + ContainerSpec.PRIVILEGED_PROPERTY + "=true (the least privilege works)." : "";
            throw new AssertionError("starting container " + name + " failed: " + e.getMessage() + hint, e);
        }
        container.awaitStart();
        return container;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String message = String.valueOf(failure.getMessage());
        StringBuilder logs = new StringBuilder();
        for (LeaseContainer container : started) {
            if (!message.contains("--- logs of container " + container.name())) {
                logs.append('\n').append(container.logs());
            }
        }
        if (logs.length() == 0) {
            throw failure;
        }
        AssertionError withLogs = new AssertionError(message + logs, failure);
        withLogs.setStackTrace(failure.getStackTrace());
        throw withLogs;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        removeAll();
    }

    /**
     * Removes every container of this test now, for a test that must clean up before it restores something the
     * containers depend on; the extension does the same after each test.
     *
     * @throws AssertionError if a container could not be removed
     */
    void removeAll() {
        List<RuntimeException> failures = new ArrayList<>();
        for (LeaseContainer container : started) {
            try {
                container.remove();
            } catch (NotFoundException alreadyGone) {
                // removed already
            } catch (RuntimeException e) {
                failures.add(e);
            }
            LIVE.remove(container.id());
        }
        started.clear();
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("could not remove " + failures.size() + " container(s)");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    private static void removeLeftovers() {
        if (LIVE.isEmpty()) {
            return;
        }
        DockerClient client = DockerEngine.shared().client();
        for (String id : LIVE) {
            try {
                client.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException e) {
                System.err.println("could not remove container " + id + ": " + e);
            }
        }
    }
}
