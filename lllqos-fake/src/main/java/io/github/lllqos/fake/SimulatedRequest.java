package io.github.lllqos.fake;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.spi.CpuLatencyRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One request of the provider: an open simulated device file, held until {@link #remove()}. */
final class SimulatedRequest implements CpuLatencyRequest {

    private static final String DEVICE = CpuDmaLatencyNode.PATH;

    private final SimulatedDeviceFile file;
    private final ByteBuffer value = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder());

    SimulatedRequest(SimulatedDeviceFile file) {
        this.file = file;
    }

    @Override
    public synchronized void update(int targetMicros) {
        value.clear();
        value.putInt(0, targetMicros);
        int written;
        try {
            written = file.write(value);
        } catch (SimulatedErrnoException e) {
            throw new LowLatencyException("write(" + DEVICE + ", " + targetMicros + ") failed: " + e.errno()
                    + " (simulated kernel)", Errno.valueOf(e.errno()));
        } catch (IOException e) {
            throw new LowLatencyException("write(" + DEVICE + ", " + targetMicros + ") failed (simulated kernel): "
                    + e);
        }
        if (written != Integer.BYTES) {
            throw new LowLatencyException("write(" + DEVICE + ", " + targetMicros + ") wrote " + written
                    + " of 4 bytes (simulated kernel)");
        }
    }

    @Override
    public int effectiveLimit() {
        return readEffective(file);
    }

    @Override
    public void remove() {
        file.close();
    }

    static int readEffective(SimulatedDeviceFile file) {
        ByteBuffer limit = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder());
        int read;
        try {
            read = file.read(limit, 0);
        } catch (SimulatedErrnoException e) {
            throw new LowLatencyException("pread(" + DEVICE + ", 4, 0) failed: " + e.errno() + " (simulated kernel)",
                    Errno.valueOf(e.errno()));
        } catch (IOException e) {
            throw new LowLatencyException("pread(" + DEVICE + ", 4, 0) failed (simulated kernel): " + e);
        }
        if (read != Integer.BYTES) {
            throw new LowLatencyException("pread(" + DEVICE + ", 4, 0) read " + read + " of 4 bytes (simulated"
                    + " kernel)");
        }
        return limit.getInt(0);
    }
}
