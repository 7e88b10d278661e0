package io.github.lllqos.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Errno;
import io.github.lllqos.linux.internal.LibC;
import io.github.lllqos.linux.internal.Scratch;
import io.github.lllqos.spi.CpuLatencyRequest;
import java.nio.file.Path;

/** One request: an open descriptor of the device, held until {@link #remove()}. */
final class DeviceRequest implements CpuLatencyRequest {

    private final Path device;
    private final int fd;

    DeviceRequest(Path device, int fd) {
        this.device = device;
        this.fd = fd;
    }

    @Override
    public void update(int targetMicros) {
        Pointer value = Scratch.threadInt();
        value.setInt(0, targetMicros);
        long written;
        try {
            written = LibC.write(fd, value, Integer.BYTES);
        } catch (LastErrorException e) {
            throw new LowLatencyException("write(" + device + ", " + targetMicros + ") failed: "
                    + Errno.nameOf(e.getErrorCode()), Errno.ofNumber(e.getErrorCode()).orElse(null));
        }
        if (written != Integer.BYTES) {
            throw new LowLatencyException("write(" + device + ", " + targetMicros + ") wrote " + written
                    + " of 4 bytes");
        }
    }

    @Override
    public int effectiveLimit() {
        return readEffective(device, fd);
    }

    @Override
    public void remove() {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            // Linux releases the descriptor even when close reports an error; nothing is left to undo.
        }
    }

    static int readEffective(Path device, int fd) {
        Pointer value = Scratch.threadInt();
        long read;
        try {
            read = LibC.pread(fd, value, Integer.BYTES, 0);
        } catch (LastErrorException e) {
            throw new LowLatencyException("pread(" + device + ", 4, 0) failed: " + Errno.nameOf(e.getErrorCode()),
                    Errno.ofNumber(e.getErrorCode()).orElse(null));
        }
        if (read != Integer.BYTES) {
            throw new LowLatencyException("pread(" + device + ", 4, 0) read " + read + " of 4 bytes");
        }
        return value.getInt(0);
    }
}
