package io.github.lllqos.linux;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;
import io.github.lllqos.linux.internal.ErrnoException;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.RequestRefusedException;
import io.github.lllqos.spi.support.DeviceNumber;
import io.github.lllqos.spi.support.DeviceRefusals;
import io.github.lllqos.spi.support.RequestPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;

/**
 * The kernel's CPU latency QoS list through its device node: each request is one open descriptor, written
 * with a 4-byte native-order s32 and read back with a positional read at offset 0.
 *
 * <p>The path is checked before it is opened, and the descriptor again before anything is written to or read from
 * it: each must be the character device whose number the kernel publishes for {@code cpu_dma_latency} in
 * {@value DeviceNumber#CPU_DMA_LATENCY_SYSFS}. The first check ({@code statx} on the path, as {@code stat}) keeps
 * anything else from being opened at all, since opening alone acts on some devices (it starts a watchdog, rewinds a
 * tape, raises a serial line's modem lines). The second ({@code statx} on the open descriptor, as {@code fstat})
 * refuses a path swapped for another file in between. Opening the real device adds a request at the default value,
 * which asks for nothing; a file swapped in is opened with {@code O_NONBLOCK | O_NOCTTY} (a FIFO or a terminal is
 * neither waited for nor taken over) and written nothing.
 */
final class DeviceCpuLatencyQos implements CpuLatencyQos {

    private static final int OPEN_FLAGS = NativeLibc.O_CLOEXEC | NativeLibc.O_NONBLOCK | NativeLibc.O_NOCTTY;

    private final Path device;
    private final NativeLibc libc;
    private final NativeMemory devicePath;
    private final NativeMemory emptyPath;
    private final ThreadLocal<NativeMemory> statx;
    private final Path expectedNumberFile;
    private volatile DeviceNumber expectedNumber;
    private final RequestPlacement placement = new RequestPlacement();

    /**
     * The device at {@code device}, identified by the number in {@value DeviceNumber#CPU_DMA_LATENCY_SYSFS}.
     *
     * @param device the device node
     * @param libc the native calls
     */
    DeviceCpuLatencyQos(Path device, NativeLibc libc) {
        this(device, libc, Path.of(DeviceNumber.CPU_DMA_LATENCY_SYSFS));
    }

    /**
     * The device at {@code device}, identified by the number in another file.
     *
     * @param device the device node
     * @param libc the native calls
     * @param expectedNumberFile a sysfs {@code dev} file, such as {@value DeviceNumber#CPU_DMA_LATENCY_SYSFS}
     */
    DeviceCpuLatencyQos(Path device, NativeLibc libc, Path expectedNumberFile) {
        this.device = device;
        this.libc = libc;
        this.devicePath = libc.cString(device.toString());
        this.emptyPath = libc.cString("");
        this.statx = ThreadLocal.withInitial(() -> libc.allocate(NativeLibc.SIZEOF_STATX));
        this.expectedNumberFile = expectedNumberFile;
    }

    @Override
    public CpuLatencyRequest addRequest(int targetMicros) throws RequestRefusedException {
        int fd = openChecked(NativeLibc.O_RDWR, "O_RDWR");
        return placement.place(new DeviceRequest(device, fd, libc), targetMicros);
    }

    @Override
    public OptionalInt effectiveLimit() {
        try {
            int fd = openChecked(NativeLibc.O_RDONLY, "O_RDONLY");
            try {
                return OptionalInt.of(DeviceRequest.readEffective(libc, device, fd));
            } finally {
                libc.close(fd);
            }
        } catch (RequestRefusedException | ErrnoException | LowLatencyException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Opens the device and returns the descriptor once it is known to be the CPU latency device: a path that names
     * anything else is refused without being opened, and a descriptor that turns out to be something else (the
     * path swapped in between) is closed and refused.
     */
    private int openChecked(int accessMode, String accessName) throws RequestRefusedException {
        if (device.toString().isEmpty()) {
            throw new RequestRefusedException(Refusal.of(Refusal.Kind.MISCONFIGURED, "the device path is empty: set -D"
                    + LinuxProvider.DEVICE_PROPERTY + " to the cpu_dma_latency device node, or unset it for "
                    + CpuLatencyQos.DEVICE));
        }
        DeviceNumber expected = expectedNumber();
        NativeMemory description = statx.get();
        try {
            libc.statx(NativeLibc.AT_FDCWD, devicePath, 0, NativeLibc.STATX_TYPE, description);
        } catch (ErrnoException e) {
            throw undescribed(e);
        }
        requireTheDevice(description, expected);
        int fd;
        try {
            fd = libc.open(devicePath, accessMode | OPEN_FLAGS);
        } catch (ErrnoException e) {
            throw openFailure(e, accessName, expected);
        }
        try {
            libc.statx(fd, emptyPath, NativeLibc.AT_EMPTY_PATH, NativeLibc.STATX_TYPE, description);
            requireTheDevice(description, expected);
            return fd;
        } catch (ErrnoException e) {
            closeQuietly(fd);
            throw undescribed(e);
        } catch (RequestRefusedException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    /** Refuses what a {@code struct statx} describes unless it is the CPU latency device; allocates nothing then. */
    private void requireTheDevice(NativeMemory description, DeviceNumber expected) throws RequestRefusedException {
        if (!OpenFileKind.isCharacterDevice(description, expected)) {
            throw DeviceRefusals.notTheDevice(device.toString(), OpenFileKind.of(description).describe(), expected,
                    LinuxProvider.DEVICE_PROPERTY);
        }
    }

    /** The refusal when {@code statx} cannot describe the path or the descriptor. */
    private RequestRefusedException undescribed(ErrnoException e) {
        String failed = "statx(" + device + ") failed: " + e.errnoName();
        if (e.errno() == Errno.ENOENT.number()) {
            return DeviceRefusals.deviceMissing(failed, device.toString(), LinuxProvider.DEVICE_PROPERTY);
        }
        String call = failed + ": cannot tell whether it is the CPU latency device, so nothing is written to it";
        return new RequestRefusedException(Errno.ofNumber(e.errno())
                .map(known -> Refusal.forErrno(known, call)).orElseGet(() -> Refusal.of(Refusal.Kind.FAILED, call)));
    }

    /** The number of the CPU latency device, read once from sysfs. */
    private DeviceNumber expectedNumber() throws RequestRefusedException {
        DeviceNumber number = expectedNumber;
        if (number == null) {
            try {
                number = DeviceNumber.parse(Files.readString(expectedNumberFile));
            } catch (IOException | IllegalArgumentException e) {
                throw new RequestRefusedException(Refusal.of(Refusal.Kind.UNSUPPORTED, "cannot tell which device is"
                        + " the CPU latency device: " + expectedNumberFile + " cannot be read (" + e + "). The kernel"
                        + " lacks PM QoS support, or /sys is not mounted; nothing is written to " + device));
            }
            expectedNumber = number;
        }
        return number;
    }

    private RequestRefusedException openFailure(ErrnoException e, String accessName, DeviceNumber expected) {
        int errno = e.errno();
        String call = "open(" + device + ", " + accessName + ") failed: " + Errno.nameOf(errno);
        if (errno == Errno.EPERM.number()) {
            return new RequestRefusedException(Refusal.of(Refusal.Kind.PERMISSION, Errno.EPERM, call + ". File"
                    + " permissions allow it (that would be EACCES); the device cgroup or a security module forbids"
                    + " writing the device. In a container, pass it writable: --device /dev/cpu_dma_latency (its"
                    + " default permissions rwm), not --device /dev/cpu_dma_latency:r"));
        }
        if (errno == Errno.EACCES.number()) {
            return DeviceRefusals.permissionDenied(call, ownership() + " and this process runs as user "
                    + System.getProperty("user.name"));
        }
        if (errno == Errno.ENOENT.number()) {
            return DeviceRefusals.deviceMissing(call, device.toString(), LinuxProvider.DEVICE_PROPERTY);
        }
        if (errno == Errno.EISDIR.number()) {
            return DeviceRefusals.notTheDevice(device.toString(), "a directory", expected,
                    LinuxProvider.DEVICE_PROPERTY);
        }
        return new RequestRefusedException(Errno.ofNumber(errno).map(known -> Refusal.forErrno(known, call))
                .orElseGet(() -> Refusal.of(Refusal.Kind.FAILED, call)));
    }

    private String ownership() {
        try {
            PosixFileAttributes attributes = Files.readAttributes(device, PosixFileAttributes.class);
            return "owned by " + attributes.owner().getName() + ":" + attributes.group().getName() + " with mode "
                    + PosixFilePermissions.toString(attributes.permissions());
        } catch (IOException | UnsupportedOperationException e) {
            return "not accessible";
        }
    }

    private void closeQuietly(int fd) {
        try {
            libc.close(fd);
        } catch (ErrnoException e) {
            // Linux releases the descriptor even when close reports an error.
        }
    }
}
