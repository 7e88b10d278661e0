package io.github.lllqos.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The host's own view of the CPU latency QoS list, read without the library under test: the effective value from
 * {@code /dev/cpu_dma_latency} and the processes that hold the device open, from {@code /proc}.
 */
final class HostCpuLatency {

    static final Path DEVICE = Path.of("/dev/cpu_dma_latency");

    /** The kernel's value when nobody asks for anything, µs. */
    static final int NO_CONSTRAINT = 2_000_000_000;

    /** No request of the suite asks for more than this, µs; a value above it holds none of the suite's requests. */
    static final int SUITE_MAX_TARGET = 1_000;

    private static final Duration POLL = Duration.ofMillis(20);

    private HostCpuLatency() {
    }

    /**
     * The effective value now: a 4-byte native-order read. Opening read-only adds a request at the default value,
     * which never lowers the minimum, for the moment of the read.
     */
    static int effective() {
        try (FileChannel channel = FileChannel.open(DEVICE, StandardOpenOption.READ)) {
            ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            int read = channel.read(value, 0);
            if (read != 4) {
                throw new AssertionError("read of " + DEVICE + " returned " + read + " bytes, expected 4");
            }
            return value.getInt(0);
        } catch (IOException e) {
            throw new AssertionError("cannot read the host's " + DEVICE + ": " + e, e);
        }
    }

    /**
     * Waits until the host's effective value is {@code expected}.
     *
     * @param failureContext what to add to the failure message (logs of the programs involved)
     * @throws AssertionError with the last value and the device's holders if it does not get there in time
     */
    static void awaitEffective(int expected, Duration timeout, Supplier<String> failureContext)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int value = effective();
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            value = effective();
        }
        if (value != expected) {
            throw new AssertionError("the host's effective CPU latency stayed " + value + " µs for " + timeout
                    + ", expected " + expected + " µs; processes holding " + DEVICE + ": " + holderDescriptions()
                    + "\n" + failureContext.get());
        }
    }

    /**
     * Waits until the host's value is back at {@code before}, the value from before the suite's requests. A value
     * above both {@code before} and {@value #SUITE_MAX_TARGET} µs also counts: another process's lower request went
     * away meanwhile, and none of the suite's requests can be alive under it.
     *
     * @throws AssertionError with the last value and the device's holders if it does not get there in time
     */
    static void awaitBackTo(int before, Duration timeout, Supplier<String> failureContext)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int value = effective();
        while (!isBack(value, before) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            value = effective();
        }
        if (!isBack(value, before)) {
            throw new AssertionError("the host's effective CPU latency stayed " + value + " µs for " + timeout
                    + ", expected it back at " + before + " µs; processes holding " + DEVICE + ": "
                    + holderDescriptions() + "\n" + failureContext.get());
        }
    }

    /** Whether {@code value} counts as back at {@code before}, as {@link #awaitBackTo} decides it. */
    static boolean isBack(int value, int before) {
        return value == before || (value > before && value > SUITE_MAX_TARGET);
    }

    /**
     * Checks in the host's {@code /proc} that a process holds no descriptor of the device, so no request: what
     * the kernel knows, whatever other processes hold meanwhile.
     */
    static void assertNoRequestFrom(long pid, String who) {
        if (holders().contains(pid)) {
            throw new AssertionError(who + " (host pid " + pid + ") holds " + DEVICE + " open, so a request");
        }
    }

    /** The process ids that hold the device open now (each open descriptor is one request). */
    static List<Long> holders() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (holdsDevice(process)) {
                    pids.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc: " + e, e);
        }
        return pids;
    }

    private static boolean holdsDevice(Path process) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                if (DEVICE.equals(readLink(descriptor))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false; // the process exited, or is not ours to see
        }
        return false;
    }

    private static Path readLink(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor);
        } catch (IOException e) {
            return null;
        }
    }

    /** The processes holding the device, each with its command line, for failure messages. */
    static String holderDescriptions() {
        List<String> described = new ArrayList<>();
        for (long pid : holders()) {
            described.add(pid + " " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("?"));
        }
        return described.isEmpty() ? "none" : String.join(", ", described);
    }
}
