package io.github.lllqos.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One idle state of one simulated CPU, with the attributes of its sysfs directory
 * {@code cpuN/cpuidle/stateK}: {@code name}, {@code latency} (the exit latency in µs), {@code usage} (how often
 * it was entered), all read-only, and {@code disable}, which takes an unsigned number (base 0: {@code 1},
 * {@code 0x1}) and disables the state for any value but 0; anything else is {@code EINVAL}.
 */
public final class SimulatedIdleState {

    private final String cpu;
    private final int index;
    private final String name;
    private final int exitLatencyMicros;
    private volatile boolean disabled;
    private final AtomicLong usage = new AtomicLong();

    SimulatedIdleState(String cpu, int index, CpuidleDriver.State state) {
        this.cpu = cpu;
        this.index = index;
        this.name = state.name();
        this.exitLatencyMicros = state.exitLatencyMicros();
    }

    /**
     * The state number.
     *
     * @return K of {@code stateK}; higher is deeper
     */
    public int index() {
        return index;
    }

    /**
     * The state's name.
     *
     * @return such as {@code "C6"}
     */
    public String name() {
        return name;
    }

    /**
     * How long leaving the state takes.
     *
     * @return µs
     */
    public int exitLatencyMicros() {
        return exitLatencyMicros;
    }

    /**
     * Whether user space disabled the state through its {@code disable} attribute.
     *
     * @return true when disabled
     */
    public boolean disabled() {
        return disabled;
    }

    /**
     * How often the governor chose the state.
     *
     * @return the count
     */
    public long usage() {
        return usage.get();
    }

    void entered() {
        usage.incrementAndGet();
    }

    String readAttribute(String attribute) throws NoSuchFileException {
        switch (attribute) {
            case "name":
                return name + "\n";
            case "latency":
                return exitLatencyMicros + "\n";
            case "disable":
                return (disabled ? 1 : 0) + "\n";
            case "usage":
                return usage.get() + "\n";
            default:
                throw missing(attribute);
        }
    }

    /** {@code store_state_disable()}: {@code kstrtouint(buf, 0)}, then any non-zero value disables. */
    void writeAttribute(String attribute, String value) throws IOException {
        switch (attribute) {
            case "disable":
                break;
            case "name":
            case "latency":
            case "usage":
                throw new AccessDeniedException(path(attribute), null, "the file is owned by root:root with mode"
                        + " r--r--r-- (simulated)");
            default:
                throw missing(attribute);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int parsed;
        try {
            parsed = Kstrtox.kstrtos32(bytes, bytes.length, 0);
        } catch (Kstrtox.Failure failure) {
            throw new SimulatedErrnoException(call(value), failure.errno);
        }
        if (parsed < 0 || value.startsWith("-")) {
            throw new SimulatedErrnoException(call(value), "EINVAL");
        }
        disabled = parsed != 0;
    }

    private String call(String value) {
        return "write(" + path("disable") + ", \"" + value.replace("\n", "\\n") + "\")";
    }

    private String path(String attribute) {
        return cpu + "/cpuidle/state" + index + "/" + attribute;
    }

    private NoSuchFileException missing(String attribute) {
        return new NoSuchFileException(path(attribute), null, "simulated: no such idle state attribute");
    }

    @Override
    public String toString() {
        return "SimulatedIdleState[" + cpu + " state" + index + " " + name + ", " + exitLatencyMicros + " µs"
                + (disabled ? ", disabled" : "") + ", usage " + usage.get() + "]";
    }
}
