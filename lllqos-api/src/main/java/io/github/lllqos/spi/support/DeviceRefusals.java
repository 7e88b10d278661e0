package io.github.lllqos.spi.support;

import io.github.lllqos.Errno;
import io.github.lllqos.Refusal;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.RequestRefusedException;

/**
 * The refusals of a CPU latency device that behaves as Linux's {@value CpuLatencyQos#DEVICE}, with the fixes
 * users need: the real provider and the simulated kernel give the same ones.
 */
public final class DeviceRefusals {

    private DeviceRefusals() {
    }

    /**
     * A kernel that accepted a write but did not apply it (some vendor kernels stub the write out).
     * {@link RequestPlacement} reads the effective limit back after a kernel's first write to find such kernels.
     *
     * @param targetMicros the target that was written
     * @param effectiveMicros the effective limit read back, above the target
     * @return the refusal
     */
    public static RequestRefusedException ignoredByKernel(int targetMicros, int effectiveMicros) {
        return new RequestRefusedException(Refusal.of(Refusal.Kind.IGNORED, "the kernel accepted a request for "
                + targetMicros + " µs but the effective limit stayed at " + effectiveMicros + " µs: this kernel"
                + " ignores CPU latency requests (some vendor kernels stub the write out), so none is held"));
    }

    /**
     * A device node that does not exist, with the fixes for a container and for a host.
     *
     * @param failedCall the call that failed, such as {@code "open(/dev/cpu_dma_latency, O_RDWR) failed: ENOENT"}
     * @param device the device path
     * @param deviceProperty the system property that points the provider at another path
     * @return the refusal
     */
    public static RequestRefusedException deviceMissing(String failedCall, String device, String deviceProperty) {
        return new RequestRefusedException(Refusal.of(Refusal.Kind.UNSUPPORTED, Errno.ENOENT, failedCall + ". "
                + device + " does not exist. In a container, pass the device: docker run --device "
                + CpuLatencyQos.DEVICE + " (podman: the same flag). On a host, the kernel lacks PM QoS support or"
                + " /dev is elsewhere: set -D" + deviceProperty + "=PATH"));
    }

    /**
     * A device this user may not open, with the udev rule that lets a group open it.
     *
     * @param failedCall the call that failed, such as {@code "open(/dev/cpu_dma_latency, O_RDWR) failed: EACCES"}
     * @param ownerAndUser who owns the device with which mode, and who this process runs as
     * @return the refusal
     */
    public static RequestRefusedException permissionDenied(String failedCall, String ownerAndUser) {
        return new RequestRefusedException(Refusal.of(Refusal.Kind.PERMISSION, Errno.EACCES, failedCall
                + ". The device is " + ownerAndUser + ". Run as root, or let a group open it with a udev rule:"
                + " KERNEL==\"cpu_dma_latency\", GROUP=\"realtime\", MODE=\"0660\" in"
                + " /etc/udev/rules.d/99-cpu-dma-latency.rules, then add the user to that group. In a container,"
                + " the user inside needs the same access (run as root, or --group-add the device's group)"));
    }

    /**
     * A path that names something else than the CPU latency device: nothing is written to it.
     *
     * @param device the path
     * @param found what it names, such as {@code "character device 1:5"} or {@code "a regular file"}
     * @param expected the CPU latency device's number, from {@value DeviceNumber#CPU_DMA_LATENCY_SYSFS}
     * @param deviceProperty the system property that points the provider at another path
     * @return the refusal
     */
    public static RequestRefusedException notTheDevice(String device, String found, DeviceNumber expected,
                                                       String deviceProperty) {
        return new RequestRefusedException(Refusal.of(Refusal.Kind.MISCONFIGURED, device + " is " + found
                + ", not the CPU latency device (character device " + expected + ", from "
                + DeviceNumber.CPU_DMA_LATENCY_SYSFS + "): refusing to write a latency request into it. Point -D"
                + deviceProperty + " at the cpu_dma_latency device node, or unset it for " + CpuLatencyQos.DEVICE));
    }
}
