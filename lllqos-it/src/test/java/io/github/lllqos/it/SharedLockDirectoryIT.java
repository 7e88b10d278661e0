package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock directory shared by a host process and a container ({@code -v DIR:/run/lllqos/cpus}): a CPU reserved on
 * one side is refused on the other, the reason names the holder, and killing the holder frees the CPU at once.
 */
class SharedLockDirectoryIT {

    private static final String PROGRAM = "io.github.lllqos.docker.ReservationProgram";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    /** Made by the first host program, as lllqos makes a lock directory: mode 1777. */
    private Path locks;

    private final List<String> containers = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void nameTheLockDirectory() {
        locks = temp.resolve("cpus");
    }

    @AfterEach
    void removeEverythingStarted() {
        processes.forEach(Process::destroyForcibly);
        DockerClient client = DockerEngine.shared().client();
        for (String id : containers) {
            try {
                client.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException e) {
                System.err.println("could not remove container " + id + ": " + e);
            }
        }
    }

    @Test
    void a_cpu_held_on_either_side_is_refused_on_the_other_until_its_holder_is_killed() throws Exception {
        String cpu = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);

        Process host = startOnHost(cpu);
        assertThat(firstLine(host)).isEqualTo("held " + cpu);
        String refusedInContainer = reservationLine(startInContainer(cpu));
        assertThat(refusedInContainer).startsWith("refused HELD: ")
                .contains("CPU " + cpu + " is held by PID " + host.pid());

        host.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        String container = startInContainer(cpu);
        assertThat(reservationLine(container)).isEqualTo("held " + cpu);
        String refusedOnHost = firstLine(startOnHost(cpu));
        assertThat(refusedOnHost).startsWith("refused HELD: ").contains("CPU " + cpu + " is held by PID 1 ")
                .contains("host '" + container.substring(0, 12) + "'");

        DockerClient client = DockerEngine.shared().client();
        client.killContainerCmd(container).withSignal("KILL").exec();
        client.waitContainerCmd(container).start().awaitStatusCode(20, TimeUnit.SECONDS);
        assertThat(firstLine(startOnHost(cpu))).as("the killed container's CPU is free at once")
                .isEqualTo("held " + cpu);
    }

    @Test
    void a_container_running_as_another_user_reserves_a_cpu_whose_lock_file_root_created() throws Exception {
        String cpu = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);
        Process host = startOnHost(cpu);
        assertThat(firstLine(host)).isEqualTo("held " + cpu);
        host.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        assertThat((int) Files.getAttribute(locks, "unix:mode") & 07777).isEqualTo(01777);
        assertThat(locks.resolve("cpu-" + cpu + ".lock")).exists();

        String container = startInContainer(cpu, "65534:65534");
        assertThat(reservationLine(container)).isEqualTo("held " + cpu);
        assertThat(firstLine(startOnHost(cpu))).startsWith("refused HELD: ")
                .contains("host '" + container.substring(0, 12) + "'");
    }

    private Process startOnHost(String cpu) throws IOException {
        String context = System.getProperty(DockerEngine.CONTEXT_PROPERTY);
        if (context == null) {
            throw new AssertionError("-D" + DockerEngine.CONTEXT_PROPERTY + " is not set: run with -Pit");
        }
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dlllqos.provider=linux", "-Dlllqos.cpu-lock-dir=" + locks, "-cp",
                Path.of(context, "lib", "*").toString(), PROGRAM, cpu))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        return process;
    }

    private static String firstLine(Process process) throws IOException {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("the host program's first line").isNotNull();
        return line;
    }

    private String startInContainer(String cpu) {
        return startInContainer(cpu, null);
    }

    private String startInContainer(String cpu, String user) {
        DockerEngine engine = DockerEngine.shared();
        DockerClient client = engine.client();
        var create = client.createContainerCmd(engine.image())
                .withName("lllqos-it-" + UUID.randomUUID())
                .withCmd(List.of("-Dlllqos.provider=linux", PROGRAM, cpu))
                .withLabels(Map.of(Containers.LABEL, "true"))
                .withHostConfig(HostConfig.newHostConfig()
                        .withBinds(new Bind(locks.toString(), new Volume("/run/lllqos/cpus"))));
        if (user != null) {
            create.withUser(user);
        }
        String id = create.exec().getId();
        containers.add(id);
        client.startContainerCmd(id).exec();
        return id;
    }

    private static String reservationLine(String container) throws InterruptedException {
        DockerClient client = DockerEngine.shared().client();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            StringBuilder logs = new StringBuilder();
            client.logContainerCmd(container).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            logs.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
            for (String line : logs.toString().split("\n")) {
                if (line.startsWith("held ") || line.startsWith("refused ")) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container " + container + " printed no reservation within " + PATIENCE);
    }
}
