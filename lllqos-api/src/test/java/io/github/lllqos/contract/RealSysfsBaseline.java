package io.github.lllqos.contract;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks after a test class that the machine's sysfs reads as before it: every CPU's idle-state {@code disable} flags
 * and {@code power/pm_qos_resume_latency_us}. A value left changed is written back, so the machine is as it was, and
 * the class fails naming it. Use with {@code @ExtendWith(RealSysfsBaseline.class)} on classes that change these files.
 *
 * <p>Such classes run one at a time on the machine, also across builds of several checkouts: each holds an exclusive
 * lock on {@code lllqos-real-sysfs.lock} in the temporary directory from before its first test to after the check.
 */
public final class RealSysfsBaseline implements BeforeAllCallback, AfterAllCallback {

    /** The kernel's CPU attribute directory. */
    public static final Path CPU_SYSFS = Path.of("/sys/devices/system/cpu");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            RealSysfsBaseline.class);

    /** The machine-wide lock, released when JUnit closes the class's store. */
    private record MachineLock(FileChannel channel) implements AutoCloseable {

        /** Waits for the lock; a user who may not open it (root made it) changes no sysfs file, and runs unlocked. */
        static MachineLock take() throws IOException {
            FileChannel channel;
            try {
                channel = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "lllqos-real-sysfs.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (AccessDeniedException rootsLock) {
                return new MachineLock(null);
            }
            channel.lock();
            return new MachineLock(channel);
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        context.getStore(NAMESPACE).put("lock", MachineLock.take());
        context.getStore(NAMESPACE).put("found", read());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        @SuppressWarnings("unchecked")
        Map<Path, String> found = context.getStore(NAMESPACE).get("found", Map.class);
        List<String> changed = new ArrayList<>();
        for (Map.Entry<Path, String> entry : read().entrySet()) {
            String before = found.get(entry.getKey());
            if (before != null && !before.equals(entry.getValue())) {
                changed.add(entry.getKey() + " reads " + entry.getValue() + ", was " + before);
                Files.writeString(entry.getKey(), before);
            }
        }
        if (!changed.isEmpty()) {
            fail("the test class left sysfs changed (now written back): " + String.join("; ", changed));
        }
    }

    /**
     * The files this checks, with their values now.
     *
     * @return each CPU's {@code cpuidle/stateK/disable} and {@code power/pm_qos_resume_latency_us}, with its content
     */
    public static Map<Path, String> read() throws IOException {
        Map<Path, String> values = new LinkedHashMap<>();
        if (!Files.isDirectory(CPU_SYSFS)) {
            return values;
        }
        try (Stream<Path> cpus = Files.list(CPU_SYSFS)) {
            for (Path cpu : cpus.filter(path -> path.getFileName().toString().matches("cpu[0-9]+")).sorted().toList()) {
                List<Path> files = new ArrayList<>();
                files.add(cpu.resolve("power/pm_qos_resume_latency_us"));
                if (Files.isDirectory(cpu.resolve("cpuidle"))) {
                    try (Stream<Path> states = Files.list(cpu.resolve("cpuidle"))) {
                        states.filter(path -> path.getFileName().toString().matches("state[0-9]+")).sorted()
                                .forEach(state -> files.add(state.resolve("disable")));
                    }
                }
                for (Path file : files) {
                    if (Files.isReadable(file)) {
                        values.put(file, Files.readString(file).strip());
                    }
                }
            }
        }
        return values;
    }

    /**
     * The {@code disable} file of a CPU's shallowest idle state deeper than polling. A machine without a cpuidle
     * driver (many virtual machines) has no such state, so the calling test is skipped there with the reason, also
     * under {@code -Dlllqos.require=real}: no set-up can give a machine an idle driver it lacks.
     *
     * @param idle the idle states as the real provider reads them
     * @param cpu the CPU number
     * @return such as {@code /sys/devices/system/cpu/cpu1/cpuidle/state1/disable}
     */
    public static Path idleStateToDisable(CpuIdle idle, int cpu) {
        Optional<IdleState> deeper = idle.idleStates(cpu).stream().filter(state -> state.exitLatencyMicros() > 0)
                .findFirst();
        Assumptions.assumeTrue(deeper.isPresent(), () -> "cpu" + cpu + " has no idle state deeper than polling: this"
                + " machine has no cpuidle driver (" + idle.driver(cpu) + ")");
        return Path.of(idle.disablePath(deeper.orElseThrow()));
    }
}
