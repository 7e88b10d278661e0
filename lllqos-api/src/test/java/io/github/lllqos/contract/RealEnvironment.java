package io.github.lllqos.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Requirements of tests on real parts of the machine: such a test skips with a reason where the part is
 * missing, and fails instead when {@code -Dlllqos.require=real} is set, as CI sets it.
 */
public final class RealEnvironment {

    /** The real CPU latency device. */
    public static final Path CPU_DMA_LATENCY = Path.of("/dev/cpu_dma_latency");

    private RealEnvironment() {
    }

    /** Whether {@code -Dlllqos.require=real} is set. */
    public static boolean realRequired() {
        return "real".equals(System.getProperty("lllqos.require"));
    }

    /**
     * Skips or fails the calling test unless {@code condition} holds.
     *
     * @param condition whether the real part is usable
     * @param missing what is missing, for the skip or failure message
     */
    public static void require(boolean condition, String missing) {
        if (condition) {
            return;
        }
        if (realRequired()) {
            fail("-Dlllqos.require=real is set but " + missing);
        }
        Assumptions.abort(missing);
    }

    /** Requires a readable and writable real {@code /dev/cpu_dma_latency}. */
    public static void requireCpuDmaLatency() {
        require(Files.isReadable(CPU_DMA_LATENCY) && Files.isWritable(CPU_DMA_LATENCY), CPU_DMA_LATENCY
                + (Files.exists(CPU_DMA_LATENCY) ? " is not readable and writable by this user" : " is missing"));
    }

    /**
     * Requires that this JVM runs as root.
     *
     * @param why what the test does that needs root, for the skip or failure message
     */
    public static void requireRoot(String why) {
        require("root".equals(System.getProperty("user.name")), "this user (" + System.getProperty("user.name")
                + ") is not root, and the test " + why);
    }
}
