package io.github.lllqos.it;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to run the lease-holding program in a container: its target, how the device is passed, the user inside,
 * extra JVM options. By default the least privilege that works: {@code --device /dev/cpu_dma_latency} and
 * {@code --cap-add SYS_NICE}, or {@code --privileged} instead when {@value #PRIVILEGED_PROPERTY} is true (for
 * engines whose host allows it).
 */
record ContainerSpec(int targetMicros, DeviceAccess device, Optional<String> user, List<String> javaOptions) {

    /** Set to {@code true} to run containers that get the device with {@code --privileged} instead. */
    static final String PRIVILEGED_PROPERTY = "lllqos.it.privileged";

    /** The program's main class in the image. */
    static final String MAIN_CLASS = "io.github.lllqos.docker.LeaseHolder";

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
        return new ContainerSpec(targetMicros, DeviceAccess.READ_WRITE, Optional.empty(), List.of());
    }

    /** The same without the device. */
    ContainerSpec withoutDevice() {
        return new ContainerSpec(targetMicros, DeviceAccess.NONE, user, javaOptions);
    }

    /** The same with the device passed read-only ({@code --device /dev/cpu_dma_latency:/dev/cpu_dma_latency:r}). */
    ContainerSpec withReadOnlyDevice() {
        return new ContainerSpec(targetMicros, DeviceAccess.READ_ONLY, user, javaOptions);
    }

    /** The same run as {@code user} ({@code uid:gid}) inside. */
    ContainerSpec asUser(String uidGid) {
        return new ContainerSpec(targetMicros, device, Optional.of(uidGid), javaOptions);
    }

    /** The same with extra JVM options before the main class. */
    ContainerSpec withJavaOptions(String... options) {
        List<String> all = new ArrayList<>(javaOptions);
        all.addAll(List.of(options));
        return new ContainerSpec(targetMicros, device, user, List.copyOf(all));
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
        return access + user.map(u -> " --user " + u).orElse("") + " " + String.join(" ", command());
    }
}
