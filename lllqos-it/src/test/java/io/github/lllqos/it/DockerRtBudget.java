package io.github.lllqos.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Real-time runtime for Docker's containers under cgroup v1 with real-time group scheduling: there a real-time
 * thread may only run in a cgroup with {@code cpu.rt_runtime_us} above 0, and Docker's parent cgroup has none
 * unless dockerd was started with {@code --cpu-rt-runtime}. {@link #grant(long)} gives the parent a budget for the
 * test and {@link #close()} restores what was there (after the test's containers are removed: a parent cannot give
 * back what its children hold).
 */
final class DockerRtBudget implements AutoCloseable {

    /** The cgroup v1 cpu controller's hierarchy. */
    static final Path CPU_HIERARCHY = Path.of("/sys/fs/cgroup/cpu");

    /** Present where the kernel schedules real-time threads by cgroup (cgroup v1, CONFIG_RT_GROUP_SCHED). */
    static final Path ROOT_RUNTIME = CPU_HIERARCHY.resolve("cpu.rt_runtime_us");

    /** The runtime of the parent of Docker's containers with the cgroupfs driver. */
    static final Path DOCKER_RUNTIME = CPU_HIERARCHY.resolve("docker/cpu.rt_runtime_us");

    private final long original;

    private DockerRtBudget(long original) {
        this.original = original;
    }

    /**
     * The real-time runtime of a process's cpu cgroup, as the host sees it.
     *
     * @return empty where the kernel does not schedule real-time threads by cgroup
     */
    static OptionalLong runtimeOf(long hostPid) {
        if (!groupScheduled()) {
            return OptionalLong.empty();
        }
        Path cgroups = Path.of("/proc", Long.toString(hostPid), "cgroup");
        try {
            for (String line : Files.readAllLines(cgroups)) {
                String[] parts = line.split(":", 3); // hierarchy-ID:controller-list:cgroup-path
                if (List.of(parts[1].split(",")).contains("cpu")) {
                    Path file = CPU_HIERARCHY.resolve(parts[2].substring(1)).resolve("cpu.rt_runtime_us");
                    return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the cpu cgroup of process " + hostPid + ": " + e, e);
        }
        throw new AssertionError(cgroups + " names no cpu cgroup");
    }

    /** Whether real-time threads need a cgroup budget on this host. */
    static boolean groupScheduled() {
        return Files.exists(ROOT_RUNTIME);
    }

    /**
     * Makes sure Docker's parent cgroup has at least {@code micros} of real-time runtime per period.
     *
     * @throws AssertionError if the parent cgroup is not where the cgroupfs driver puts it, or refuses the value
     */
    static DockerRtBudget grant(long micros) {
        if (!Files.isWritable(DOCKER_RUNTIME)) {
            throw new AssertionError(DOCKER_RUNTIME + " is missing or not writable: this host schedules real-time"
                    + " threads by cgroup and the test expects Docker's cgroupfs layout (start dockerd with"
                    + " --exec-opt native.cgroupdriver=cgroupfs, or with --cpu-rt-runtime)");
        }
        long original = read();
        if (original < micros) {
            write(micros);
        }
        return new DockerRtBudget(original);
    }

    /** Puts the parent's runtime back as it was. */
    @Override
    public void close() {
        if (read() != original) {
            write(original);
        }
    }

    private static long read() {
        try {
            return Long.parseLong(Files.readString(DOCKER_RUNTIME).trim());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + DOCKER_RUNTIME + ": " + e, e);
        }
    }

    private static void write(long micros) {
        try {
            Files.writeString(DOCKER_RUNTIME, Long.toString(micros));
        } catch (IOException e) {
            throw new AssertionError("cannot set " + DOCKER_RUNTIME + " to " + micros + ": " + e, e);
        }
    }
}
