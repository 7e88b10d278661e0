package io.github.lllqos.fake;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.support.RequestPlacement;
import io.github.lllqos.Refusal;
import io.github.lllqos.spi.RequestRefusedException;
import io.github.lllqos.spi.support.DeviceNumber;
import io.github.lllqos.spi.support.DeviceRefusals;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;

/**
 * The CPU latency QoS of one simulated kernel as the provider uses it: each request is one open
 * {@link SimulatedDeviceFile}, written with a 4-byte native-order s32 and read back at position 0.
 */
final class SimulatedCpuLatencyQos implements CpuLatencyQos {

    private static final String DEVICE = CpuDmaLatencyNode.PATH;

    private final SimulatedKernel kernel;
    private final RequestPlacement placement = new RequestPlacement();

    SimulatedCpuLatencyQos(SimulatedKernel kernel) {
        this.kernel = kernel;
    }

    SimulatedKernel kernel() {
        return kernel;
    }

    @Override
    public CpuLatencyRequest addRequest(int targetMicros) throws RequestRefusedException {
        SimulatedDeviceFile file;
        try {
            file = kernel.cpuDmaLatency().open(StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw DeviceRefusals.deviceMissing("open(" + DEVICE + ", O_RDWR) failed: ENOENT (simulated"
                    + " kernel)", DEVICE, "lllqos.device");
        } catch (AccessDeniedException e) {
            throw DeviceRefusals.permissionDenied("open(" + DEVICE + ", O_RDWR) failed: EACCES (simulated"
                    + " kernel)", "owned by root:root with mode rw------- and this process is not root");
        } catch (IOException e) {
            throw new RequestRefusedException(Refusal.of(Refusal.Kind.FAILED, "open(" + DEVICE + ") failed (simulated"
                    + " kernel): " + e.getMessage()));
        }
        checkDevice(file);
        return placement.place(new SimulatedRequest(file), targetMicros);
    }

    @Override
    public OptionalInt effectiveLimit() {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(StandardOpenOption.READ)) {
            checkDevice(file);
            return OptionalInt.of(SimulatedRequest.readEffective(file));
        } catch (IOException | LowLatencyException | RequestRefusedException e) {
            return OptionalInt.empty();
        }
    }

    /** As the Linux provider's fstat check: nothing is written to a file that is not the CPU latency device. */
    private static void checkDevice(SimulatedDeviceFile file) throws RequestRefusedException {
        DeviceNumber found = file.deviceNumber();
        if (!found.equals(CpuDmaLatencyNode.NUMBER)) {
            file.close();
            throw DeviceRefusals.notTheDevice(DEVICE, "character device " + found + " (simulated kernel)",
                    CpuDmaLatencyNode.NUMBER, "lllqos.device");
        }
    }
}
