package io.github.lllqos.fake.differential;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.github.lllqos.Errno;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code /dev/cpu_dma_latency}, through libc. */
final class RealCpuDmaLatency implements DeviceUnderTest {

    private static final String PATH = "/dev/cpu_dma_latency";

    private final List<Integer> fds = new ArrayList<>();
    private final Memory buffer = new Memory(64);

    @Override
    public String open(Mode mode) {
        int flags = mode == Mode.O_RDONLY ? RealDeviceCalls.O_RDONLY
                : mode == Mode.O_WRONLY ? RealDeviceCalls.O_WRONLY : RealDeviceCalls.O_RDWR;
        try {
            fds.add(RealDeviceCalls.open(PATH, flags | RealDeviceCalls.O_CLOEXEC));
            return "open";
        } catch (LastErrorException e) {
            fds.add(-1);
            return Errno.nameOf(e.getErrorCode());
        }
    }

    @Override
    public String write(int handle, byte[] data) {
        buffer.write(0, data, 0, data.length);
        try {
            return "wrote " + RealDeviceCalls.write(fds.get(handle), buffer, data.length);
        } catch (LastErrorException e) {
            return Errno.nameOf(e.getErrorCode());
        }
    }

    @Override
    public String read(int handle, int count) {
        try {
            return bytes(RealDeviceCalls.read(fds.get(handle), buffer, count));
        } catch (LastErrorException e) {
            return Errno.nameOf(e.getErrorCode());
        }
    }

    @Override
    public String pread(int handle, int count, long offset) {
        try {
            return bytes(RealDeviceCalls.pread(fds.get(handle), buffer, count, offset));
        } catch (LastErrorException e) {
            return Errno.nameOf(e.getErrorCode());
        }
    }

    private String bytes(long read) {
        return DeviceUnderTest.hex(buffer.getByteArray(0, (int) read), (int) read);
    }

    @Override
    public String rewind(int handle) {
        try {
            return "offset " + RealDeviceCalls.lseek(fds.get(handle), 0, RealDeviceCalls.SEEK_SET);
        } catch (LastErrorException e) {
            return Errno.nameOf(e.getErrorCode());
        }
    }

    @Override
    public void close(int handle) {
        int fd = fds.get(handle);
        if (fd >= 0) {
            RealDeviceCalls.close(fd);
            fds.set(handle, -1);
        }
    }

    @Override
    public void close() {
        for (int handle = 0; handle < fds.size(); handle++) {
            close(handle);
        }
    }

    /** The effective limit now, read through a descriptor of its own (which adds a request at the default). */
    static int baseline() {
        int fd = RealDeviceCalls.open(PATH, RealDeviceCalls.O_RDONLY | RealDeviceCalls.O_CLOEXEC);
        try (Memory value = new Memory(4)) {
            RealDeviceCalls.pread(fd, value, 4, 0);
            return value.getInt(0);
        } finally {
            RealDeviceCalls.close(fd);
        }
    }

    /**
     * Whether any process holds the device open now. A request at the default value leaves the limit at the
     * default, yet caps it for a request above the default (0x7fffffff), so the baseline alone cannot tell it.
     */
    static boolean held() {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (holds(process)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean holds(Path process) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                if (PATH.equals(readLink(descriptor))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // the process ended, or is not ours to inspect
        }
        return false;
    }

    private static String readLink(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            return null;
        }
    }
}
