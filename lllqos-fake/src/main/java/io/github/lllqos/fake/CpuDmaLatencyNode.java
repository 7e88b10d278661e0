package io.github.lllqos.fake;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device node {@code /dev/cpu_dma_latency} over the CPU latency QoS list: each open file holds one request,
 * as {@code cpu_latency_qos_open()} and {@code cpu_latency_qos_release()} do, and writes go through
 * {@code cpu_latency_qos_write()}. It also stands for what a path can name instead: nothing, a node without
 * permission, or another device.
 */
final class CpuDmaLatencyNode {

    private final SimulatedKernel kernel;
    private final CpuLatencyQosList list;
    private final AtomicInteger openFiles = new AtomicInteger();
    private final AtomicInteger otherDeviceBytesWritten = new AtomicInteger();
    private volatile DeviceAccess access = DeviceAccess.ALLOWED;

    CpuDmaLatencyNode(SimulatedKernel kernel, CpuLatencyQosList list) {
        this.kernel = kernel;
        this.list = list;
    }

    SimulatedDeviceFile open(OpenOption... options) throws IOException {
        OpenMode mode = OpenMode.of(options);
        switch (access) {
            case MISSING:
                throw new NoSuchFileException(SimulatedKernel.CPU_DMA_LATENCY, null, "simulated: no such device node");
            case PERMISSION_DENIED:
                throw new AccessDeniedException(SimulatedKernel.CPU_DMA_LATENCY, null,
                        "simulated: the device is root:root 0600 and this process is not root");
            case OTHER_DEVICE:
                return new SimulatedDeviceFile(kernel, null, SimulatedKernel.OTHER_DEVICE_NUMBER, mode.readable,
                        mode.writable);
            default:
                break;
        }
        PmQosRequest request = new PmQosRequest();
        list.add(request, PmQos.PM_QOS_DEFAULT_VALUE);
        openFiles.incrementAndGet();
        return new SimulatedDeviceFile(kernel, request, SimulatedKernel.CPU_DMA_LATENCY_NUMBER, mode.readable,
                mode.writable);
    }

    void access(DeviceAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    DeviceAccess access() {
        return access;
    }

    int openFiles() {
        return openFiles.get();
    }

    int otherDeviceBytesWritten() {
        return otherDeviceBytesWritten.get();
    }

    void writtenToOtherDevice(int bytes) {
        otherDeviceBytesWritten.addAndGet(bytes);
    }

    /** {@code cpu_latency_qos_write()}: applies a parsed value, unless the kernel stubs the write out. */
    void write(PmQosRequest request, int value) {
        if (kernel.profile() == KernelProfile.WRITES_IGNORED) {
            return;
        }
        list.update(request, value);
    }

    /** {@code cpu_latency_qos_release()}. */
    void release(PmQosRequest request) {
        list.remove(request);
        openFiles.decrementAndGet();
    }
}
