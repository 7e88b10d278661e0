package io.github.lllqos.it;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to run the lease-holding program in a container: its target, how the device is passed, the user inside,
 * JVM options and environment variables. By default the least privilege that works: {@code --device /dev/cpu_dma_latency} and
 * {@code --cap-add SYS_NICE}, or {@code --privileged} instead when {@value #PRIVILEGED_PROPERTY} is true (for
 * engines whose host allows it).
 */
record ContainerSpec(int targetMicros, DeviceAccess device, Optional<String> user, List<String> javaOptions,
        List<String> env) {

    /** Set to {@code true} to run containers that get the device with {@code --privileged} instead. */
    static final String PRIVILEGED_PROPERTY = "lllqos.it.privileged";

    /** The program's main class in the image. */
    static final String MAIN_CLASS = "io.github.lllqos.docker.LeaseHolder";

    /** The image's class path with the simulated kernel's provider added. */
    static final String CLASSPATH_WITH_FAKE = "CLASSPATH=/opt/lllqos/lib/*:/opt/lllqos/fake/*";

    /** How the host's device reaches the container. */
    enum DeviceAccess {
        /** Not passed at all. */
        NONE,
        /** Passed with read and write permission in the device cgroup. */
        READ_WRITE,
        /** Passed with read permission only. */
        READ_ONLY
    }

    /** A container holding a lease at {@code targetMicros} with the device passed read-write. */
    static ContainerSpec holding(int targetMicros) {
        return new ContainerSpec(targetMicros, DeviceAccess.READ_WRITE, Optional.empty(), List.of(), List.of());
    }

    /** The same without the device. */
    ContainerSpec withoutDevice() {
        return new ContainerSpec(targetMicros, DeviceAccess.NONE, user, javaOptions, env);
    }

    /** The same with the device passed read-only ({@code --device /dev/cpu_dma_latency:/dev/cpu_dma_latency:r}). */
    ContainerSpec withReadOnlyDevice() {
        return new ContainerSpec(targetMicros, DeviceAccess.READ_ONLY, user, javaOptions, env);
    }

    /** The same run as {@code user} ({@code uid:gid}) inside. */
    ContainerSpec asUser(String uidGid) {
        return new ContainerSpec(targetMicros, device, Optional.of(uidGid), javaOptions, env);
    }

    /** The same with the simulated kernel's provider on the class path and selected ({@code -Dlllqos.provider=fake}). */
    ContainerSpec withFakeProvider() {
        List<String> options = new ArrayList<>(javaOptions);
        options.add("-Dlllqos.provider=fake");
        List<String> variables = new ArrayList<>(env);
        variables.add(CLASSPATH_WITH_FAKE);
        return new ContainerSpec(targetMicros, device, user, List.copyOf(options), List.copyOf(variables));
    }

    /** The command after the image's entry point (the jlinked {@code java}). */
    List<String> command() {
        List<String> command = new ArrayList<>(javaOptions);
        command.add(MAIN_CLASS);
        command.add(Integer.toString(targetMicros));
        return command;
    }

    /** The engine's host configuration for this spec. */
    HostConfig hostConfig() {
        HostConfig config = HostConfig.newHostConfig();
        if (device == DeviceAccess.READ_WRITE && Boolean.getBoolean(PRIVILEGED_PROPERTY)) {
            return config.withPrivileged(true);
        }
        config.withCapAdd(Capability.SYS_NICE);
        switch (device) {
            case READ_WRITE:
                return config.withDevices(new Device("rwm", HostCpuLatency.DEVICE.toString(),
                        HostCpuLatency.DEVICE.toString()));
            case READ_ONLY:
                return config.withDevices(new Device("r", HostCpuLatency.DEVICE.toString(),
                        HostCpuLatency.DEVICE.toString()));
            default:
                return config;
        }
    }

    /** For failure messages: roughly the {@code docker run} options. */
    String describe() {
        String access = device == DeviceAccess.READ_WRITE && Boolean.getBoolean(PRIVILEGED_PROPERTY) ? "--privileged"
                : device == DeviceAccess.READ_WRITE ? "--device /dev/cpu_dma_latency --cap-add SYS_NICE"
                : device == DeviceAccess.READ_ONLY ? "--device /dev/cpu_dma_latency:/dev/cpu_dma_latency:r --cap-add SYS_NICE"
                : "--cap-add SYS_NICE (no device)";
        StringBuilder options = new StringBuilder(access);
        user.ifPresent(u -> options.append(" --user ").append(u));
        env.forEach(variable -> options.append(" --env ").append(variable));
        return options.append(' ').append(String.join(" ", command())).toString();
    }
}
