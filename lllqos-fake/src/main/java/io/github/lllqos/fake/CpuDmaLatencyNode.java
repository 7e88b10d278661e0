package io.github.lllqos.fake;

import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.support.DeviceNumber;
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
 * permission, or another device. {@link SimulatedKernel#cpuDmaLatency()} gives a kernel's node.
 *
 * <pre>{@code
 * try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(StandardOpenOption.READ, StandardOpenOption.WRITE)) {
 *     file.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 50));
 *     assert kernel.cpuLatencyQos().limit() == 50;
 * }
 * kernel.cpuDmaLatency().access(DeviceAccess.MISSING);      // later opens: a container without --device
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CpuDmaLatencyNode {

    /** The path the simulated device node stands for. */
    public static final String PATH = CpuLatencyQos.DEVICE;

    /** The number of the simulated CPU latency device, as {@code /sys/class/misc/cpu_dma_latency/dev} holds it. */
    public static final DeviceNumber NUMBER = new DeviceNumber(10, 259);

    /** The number of the device {@link DeviceAccess#OTHER_DEVICE} opens instead: {@code /dev/null}'s. */
    public static final DeviceNumber OTHER_DEVICE_NUMBER = new DeviceNumber(1, 3);

    private final KernelProfile profile;
    private final CpuLatencyQosList list;
    private final AtomicInteger openFiles = new AtomicInteger();
    private final AtomicInteger otherDeviceBytesWritten = new AtomicInteger();
    private volatile DeviceAccess access = DeviceAccess.ALLOWED;

    CpuDmaLatencyNode(KernelProfile profile, CpuLatencyQosList list) {
        this.profile = profile;
        this.list = list;
    }

    /**
     * {@code open("/dev/cpu_dma_latency")}: adds a request at the default value, held until the file is closed.
     *
     * @param options {@code READ}, {@code WRITE} (or {@code APPEND}), as for {@link java.nio.channels.FileChannel};
     *     none means {@code READ}; {@code CREATE}, {@code TRUNCATE_EXISTING}, {@code SYNC}, {@code DSYNC},
     *     {@code SPARSE} and {@code NOFOLLOW_LINKS} change nothing on a character device
     * @return the open file
     * @throws java.nio.file.NoSuchFileException when the device is {@link DeviceAccess#MISSING}
     * @throws java.nio.file.AccessDeniedException when access is {@link DeviceAccess#PERMISSION_DENIED}; with
     *     {@link DeviceAccess#OTHER_DEVICE} the file opened is another device, which holds no request
     * @throws java.nio.file.FileAlreadyExistsException for {@code CREATE_NEW}, as the node exists
     * @throws IllegalArgumentException for combinations {@code FileChannel} rejects
     * @throws UnsupportedOperationException for {@code DELETE_ON_CLOSE}, which would remove the device node
     * @throws IOException never otherwise
     */
    public SimulatedDeviceFile open(OpenOption... options) throws IOException {
        OpenMode mode = OpenMode.of(options);
        switch (access) {
            case MISSING:
                throw new NoSuchFileException(PATH, null, "simulated: no such device node");
            case PERMISSION_DENIED:
                throw new AccessDeniedException(PATH, null,
                        "simulated: the device is root:root 0600 and this process is not root");
            case OTHER_DEVICE:
                return new SimulatedDeviceFile(this, null, OTHER_DEVICE_NUMBER, mode.readable, mode.writable);
            default:
                break;
        }
        PmQosRequest request = new PmQosRequest();
        list.addRequest(request, PmQos.PM_QOS_DEFAULT_VALUE);
        openFiles.incrementAndGet();
        return new SimulatedDeviceFile(this, request, NUMBER, mode.readable, mode.writable);
    }

    /**
     * Simulates a missing device node or a permission problem for later opens; open files are not affected.
     *
     * @param access what later {@link #open} calls find
     */
    public void access(DeviceAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    /**
     * What {@link #open} finds now.
     *
     * @return {@link DeviceAccess#ALLOWED} unless changed
     */
    public DeviceAccess access() {
        return access;
    }

    /**
     * How many {@link SimulatedDeviceFile}s of the device are open.
     *
     * @return the open files, each holding one request
     */
    public int openFiles() {
        return openFiles.get();
    }

    /**
     * How many bytes were written to the device that {@link DeviceAccess#OTHER_DEVICE} opens instead of this one.
     *
     * @return the bytes; 0 as long as every writer checked {@link SimulatedDeviceFile#deviceNumber()} first
     */
    public int otherDeviceBytesWritten() {
        return otherDeviceBytesWritten.get();
    }

    void writtenToOtherDevice(int bytes) {
        otherDeviceBytesWritten.addAndGet(bytes);
    }

    /** The limit a read of the device gives. */
    int limit() {
        return list.limit();
    }

    /** {@code cpu_latency_qos_write()}: applies a parsed value, unless the kernel stubs the write out. */
    void write(PmQosRequest request, int value) {
        if (profile == KernelProfile.WRITES_IGNORED) {
            return;
        }
        list.updateRequest(request, value);
    }

    /** {@code cpu_latency_qos_release()}. */
    void release(PmQosRequest request) {
        list.removeRequest(request);
        openFiles.decrementAndGet();
    }

    @Override
    public String toString() {
        return "CpuDmaLatencyNode[" + access + ", " + openFiles() + " open files]";
    }
}
