package io.github.lllqos.linux;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.linux.internal.ErrnoException;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import io.github.lllqos.spi.CpuLatencyRequest;
import java.nio.file.Path;

/**
 * One request: an open descriptor of the device, held until {@link #remove()}. Its writes and reads go through the
 * calling thread's 4-byte block, so none allocates.
 */
final class DeviceRequest implements CpuLatencyRequest {

    private final Path device;
    private final int fd;
    private final NativeLibc libc;

    DeviceRequest(Path device, int fd, NativeLibc libc) {
        this.device = device;
        this.fd = fd;
        this.libc = libc;
    }

    @Override
    public void update(int targetMicros) {
        NativeMemory value = libc.threadInt();
        value.setInt(0, targetMicros);
        long written;
        try {
            written = libc.write(fd, value, Integer.BYTES);
        } catch (ErrnoException e) {
            throw new LowLatencyException("write(" + device + ", " + targetMicros + ") failed: " + e.errnoName(),
                    e.asErrno());
        }
        if (written != Integer.BYTES) {
            throw new LowLatencyException("write(" + device + ", " + targetMicros + ") wrote " + written
                    + " of 4 bytes");
        }
    }

    @Override
    public int effectiveLimit() {
        return readEffective(libc, device, fd);
    }

    @Override
    public void remove() {
        try {
            libc.close(fd);
        } catch (ErrnoException e) {
            // Linux releases the descriptor even when close reports an error; nothing is left to undo.
        }
    }

    static int readEffective(NativeLibc libc, Path device, int fd) {
        NativeMemory value = libc.threadInt();
        long read;
        try {
            read = libc.pread(fd, value, Integer.BYTES, 0);
        } catch (ErrnoException e) {
            throw new LowLatencyException("pread(" + device + ", 4, 0) failed: " + e.errnoName(), e.asErrno());
        }
        if (read != Integer.BYTES) {
            throw new LowLatencyException("pread(" + device + ", 4, 0) read " + read + " of 4 bytes");
        }
        return value.getInt(0);
    }
}
