package io.github.lllqos.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Errno;
import io.github.lllqos.linux.internal.LibC;
import io.github.lllqos.linux.internal.Scratch;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.support.RequestPlacement;
import io.github.lllqos.Refusal;
import io.github.lllqos.spi.RequestRefusedException;
import io.github.lllqos.spi.support.DeviceRefusals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;

/**
 * The kernel's CPU latency QoS list through its device node: each request is one open descriptor, written
 * with a 4-byte native-order s32 and read back with a positional read at offset 0.
 */
final class DeviceCpuLatencyQos implements CpuLatencyQos {

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private final Path device;
    private final Memory devicePath;
    private volatile boolean knownCharacterDevice;
    private final RequestPlacement placement = new RequestPlacement();

    DeviceCpuLatencyQos(Path device) {
        this.device = device;
        this.devicePath = Scratch.cString(device.toString());
    }

    @Override
    public CpuLatencyRequest addRequest(int targetMicros) throws RequestRefusedException {
        checkCharacterDevice();
        int fd;
        try {
            fd = LibC.open(devicePath, LibC.O_RDWR | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw openFailure(e);
        }
        return placement.place(new DeviceRequest(device, fd), targetMicros);
    }

    @Override
    public OptionalInt effectiveLimit() {
        try {
            checkCharacterDevice();
            int fd = LibC.open(devicePath, LibC.O_RDONLY | LibC.O_CLOEXEC);
            try {
                return OptionalInt.of(DeviceRequest.readEffective(device, fd));
            } finally {
                LibC.close(fd);
            }
        } catch (RequestRefusedException | LastErrorException | LowLatencyException e) {
            return OptionalInt.empty();
        }
    }

    /** Refuses anything but a character device, so a request is never written into a regular file. */
    private void checkCharacterDevice() throws RequestRefusedException {
        if (knownCharacterDevice) {
            return;
        }
        int mode;
        try {
            mode = (Integer) Files.getAttribute(device, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw e instanceof NoSuchFileException
                    ? DeviceRefusals.deviceMissing("stat(" + device + ") failed: ENOENT", device.toString(),
                            LinuxProvider.DEVICE_PROPERTY)
                    : new RequestRefusedException(Refusal.of(Refusal.Kind.FAILED, "cannot inspect " + device + ": " + e));
        }
        if ((mode & S_IFMT) != S_IFCHR) {
            throw new RequestRefusedException(Refusal.of(Refusal.Kind.MISCONFIGURED, device + " is not a character"
                    + " device (" + describeType(mode) + "): refusing to write a latency request into it; point -D"
                    + LinuxProvider.DEVICE_PROPERTY + " at the cpu_dma_latency device node"));
        }
        knownCharacterDevice = true;
    }

    private RequestRefusedException openFailure(LastErrorException e) {
        String call = "open(" + device + ", O_RDWR) failed: " + Errno.nameOf(e.getErrorCode());
        int errno = e.getErrorCode();
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
            knownCharacterDevice = false;
            return DeviceRefusals.deviceMissing(call, device.toString(), LinuxProvider.DEVICE_PROPERTY);
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

    private static String describeType(int mode) {
        switch (mode & S_IFMT) {
            case 0100000:
                return "a regular file";
            case 0040000:
                return "a directory";
            case 0060000:
                return "a block device";
            case 0010000:
                return "a FIFO";
            case 0140000:
                return "a socket";
            default:
                return "file type " + Integer.toOctalString(mode & S_IFMT);
        }
    }
}
