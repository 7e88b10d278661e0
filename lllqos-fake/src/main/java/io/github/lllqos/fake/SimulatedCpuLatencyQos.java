package io.github.lllqos.fake;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.RequestRefusedException;
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

    private static final String DEVICE = SimulatedKernel.CPU_DMA_LATENCY;

    private final SimulatedKernel kernel;
    private volatile boolean knownToApplyRequests;

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
            file = kernel.openCpuDmaLatency(StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new RequestRefusedException("open(" + DEVICE + ", O_RDWR) failed: ENOENT (simulated kernel). "
                    + DEVICE + " does not exist. In a container, pass the device: docker run --device "
                    + DEVICE + " (podman: the same flag). On a host, the kernel lacks PM QoS support or /dev is"
                    + " elsewhere: set -Dlllqos.device=PATH");
        } catch (AccessDeniedException e) {
            throw new RequestRefusedException("open(" + DEVICE + ", O_RDWR) failed: EACCES (simulated kernel)."
                    + " The device is owned by root:root with mode rw------- and this process is not root. Run as"
                    + " root, or let a group open it with a udev rule: KERNEL==\"cpu_dma_latency\","
                    + " GROUP=\"realtime\", MODE=\"0660\" in /etc/udev/rules.d/99-cpu-dma-latency.rules, then add"
                    + " the user to that group. In a container, the user inside needs the same access (run as"
                    + " root, or --group-add the device's group)");
        } catch (IOException e) {
            throw new RequestRefusedException("open(" + DEVICE + ") failed (simulated kernel): " + e.getMessage());
        }
        SimulatedRequest request = new SimulatedRequest(file);
        try {
            request.update(targetMicros);
            if (!knownToApplyRequests) {
                checkApplied(request, targetMicros);
            }
        } catch (LowLatencyException | RequestRefusedException e) {
            request.remove();
            throw e instanceof RequestRefusedException ? (RequestRefusedException) e
                    : new RequestRefusedException(e.getMessage());
        }
        return request;
    }

    /** Reads the limit back after the first write: a kernel that stubs the write out never lowers it. */
    private void checkApplied(SimulatedRequest request, int targetMicros) throws RequestRefusedException {
        int effective = request.effectiveLimit();
        if (effective > targetMicros) {
            throw RequestRefusedException.ignoredByKernel(targetMicros, effective);
        }
        knownToApplyRequests = true;
    }

    @Override
    public OptionalInt effectiveLimit() {
        try (SimulatedDeviceFile file = kernel.openCpuDmaLatency(StandardOpenOption.READ)) {
            return OptionalInt.of(SimulatedRequest.readEffective(file));
        } catch (IOException | LowLatencyException e) {
            return OptionalInt.empty();
        }
    }
}
