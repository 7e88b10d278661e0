package io.github.lllqos.it;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How to run the lease-holding program in a container: its target, how the device is passed, the user inside,
 * capabilities, real-time runtime, JVM options and environment variables. By default the least privilege that
 * works: {@code --device /dev/cpu_dma_latency} and {@code --cap-add SYS_NICE}, or {@code --privileged} instead
 * when {@value #PRIVILEGED_PROPERTY} is true (for engines whose host allows it).
 */
record ContainerSpec(int targetMicros, DeviceAccess device, Optional<String> user, boolean sysNice,
        OptionalLong cpuRtRuntimeMicros, List<String> javaOptions, List<String> env) {

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
        return new ContainerSpec(targetMicros, DeviceAccess.READ_WRITE, Optional.empty(), true, OptionalLong.empty(),
                List.of(), List.of());
    }

    /** The same without the device. */
    ContainerSpec withoutDevice() {
        return new ContainerSpec(targetMicros, DeviceAccess.NONE, user, sysNice, cpuRtRuntimeMicros, javaOptions, env);
    }

    /** The same with the device passed read-only ({@code --device /dev/cpu_dma_latency:/dev/cpu_dma_latency:r}). */
    ContainerSpec withReadOnlyDevice() {
        return new ContainerSpec(targetMicros, DeviceAccess.READ_ONLY, user, sysNice, cpuRtRuntimeMicros, javaOptions,
                env);
    }

    /** The same run as {@code user} ({@code uid:gid}) inside. */
    ContainerSpec asUser(String uidGid) {
        return new ContainerSpec(targetMicros, device, Optional.of(uidGid), sysNice, cpuRtRuntimeMicros, javaOptions,
                env);
    }

    /** The same without {@code --cap-add SYS_NICE}. */
    ContainerSpec withoutSysNice() {
        return new ContainerSpec(targetMicros, device, user, false, cpuRtRuntimeMicros, javaOptions, env);
    }

    /** The same with {@code --cpu-rt-runtime=micros}: real-time runtime per period for the container's cgroup. */
    ContainerSpec withCpuRtRuntime(long micros) {
        return new ContainerSpec(targetMicros, device, user, sysNice, OptionalLong.of(micros), javaOptions, env);
    }

    /** The same with the simulated kernel's provider on the class path and selected ({@code -Dlllqos.provider=fake}). */
    ContainerSpec withFakeProvider() {
        List<String> options = new ArrayList<>(javaOptions);
        options.add("-Dlllqos.provider=fake");
        List<String> variables = new ArrayList<>(env);
        variables.add(CLASSPATH_WITH_FAKE);
        return new ContainerSpec(targetMicros, device, user, sysNice, cpuRtRuntimeMicros, List.copyOf(options),
                List.copyOf(variables));
    }

    /** The command after the image's entry point (the jlinked {@code java}). */
    List<String> command() {
        List<String> command = new ArrayList<>(javaOptions);
        command.add(MAIN_CLASS);
        command.add(Integer.toString(targetMicros));
        return command;
    }

    private boolean privileged() {
        return device == DeviceAccess.READ_WRITE && sysNice && Boolean.getBoolean(PRIVILEGED_PROPERTY);
    }

    /** The engine's host configuration for this spec. */
    HostConfig hostConfig() {
        HostConfig config = HostConfig.newHostConfig();
        cpuRtRuntimeMicros.ifPresent(config::withCpuRealtimeRuntime);
        if (privileged()) {
            return config.withPrivileged(true);
        }
        if (sysNice) {
            config.withCapAdd(Capability.SYS_NICE);
        }
        String path = HostCpuLatency.DEVICE.toString();
        switch (device) {
            case READ_WRITE:
                return config.withDevices(new Device("rwm", path, path));
            case READ_ONLY:
                return config.withDevices(new Device("r", path, path));
            default:
                return config;
        }
    }

    /** For failure messages: roughly the {@code docker run} options. */
    String describe() {
        StringBuilder options = new StringBuilder();
        if (privileged()) {
            options.append("--privileged");
        } else {
            options.append(device == DeviceAccess.READ_WRITE ? "--device /dev/cpu_dma_latency"
                    : device == DeviceAccess.READ_ONLY ? "--device /dev/cpu_dma_latency:/dev/cpu_dma_latency:r"
                    : "(no device)");
            options.append(sysNice ? " --cap-add SYS_NICE" : "");
        }
        cpuRtRuntimeMicros.ifPresent(micros -> options.append(" --cpu-rt-runtime ").append(micros));
        user.ifPresent(u -> options.append(" --user ").append(u));
        env.forEach(variable -> options.append(" --env ").append(variable));
        return options.append(' ').append(String.join(" ", command())).toString();
    }
}
