package io.github.lllqos.fake;

/** Whether this process can open the simulated {@code /dev/cpu_dma_latency}, for simulating failures. */
public enum DeviceAccess {

    /** The device exists and this process may open it (root, or a udev rule granting access). */
    ALLOWED,

    /** There is no device node: a container started without {@code --device}, or no PM QoS support. */
    MISSING,

    /** The device is {@code root:root 0600} and this process is another user: {@code open} fails with EACCES. */
    PERMISSION_DENIED,

    /**
     * The path names another device: {@code /dev/null} (character device 1:3) bound over it, or
     * {@code -Dlllqos.device} pointing elsewhere. {@code open} succeeds and adds no request; writes vanish, reads
     * find end of file, and {@link SimulatedDeviceFile#deviceNumber()} shows 1:3.
     */
    OTHER_DEVICE
}
