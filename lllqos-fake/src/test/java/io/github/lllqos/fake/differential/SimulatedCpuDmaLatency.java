package io.github.lllqos.fake.differential;

import io.github.lllqos.fake.PmQosRequest;
import io.github.lllqos.fake.SimulatedDeviceFile;
import io.github.lllqos.fake.SimulatedErrnoException;
import io.github.lllqos.fake.SimulatedKernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated device, in a fresh kernel that stands for the other processes of the real machine: when some
 * hold the real device open, it holds one kernel-side request at the real baseline, their minimum.
 */
final class SimulatedCpuDmaLatency implements DeviceUnderTest {

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final List<SimulatedDeviceFile> files = new ArrayList<>();

    SimulatedCpuDmaLatency(int baseline, boolean heldByOthers) {
        if (heldByOthers) {
            kernel.cpuLatencyQos().addRequest(new PmQosRequest(), baseline);
        }
    }

    @Override
    public String open(Mode mode) {
        OpenOption[] options = mode == Mode.O_RDONLY ? new OpenOption[] {StandardOpenOption.READ}
                : mode == Mode.O_WRONLY ? new OpenOption[] {StandardOpenOption.WRITE}
                : new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try {
            files.add(kernel.cpuDmaLatency().open(options));
            return "open";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String write(int handle, byte[] data) {
        try {
            return "wrote " + files.get(handle).write(ByteBuffer.wrap(data));
        } catch (SimulatedErrnoException e) {
            return e.errno();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String read(int handle, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        try {
            return bytes(buffer, files.get(handle).read(buffer));
        } catch (SimulatedErrnoException e) {
            return e.errno();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String pread(int handle, int count, long offset) {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        try {
            return bytes(buffer, files.get(handle).read(buffer, offset));
        } catch (SimulatedErrnoException e) {
            return e.errno();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A channel's -1 (end of file) is the system call's 0. */
    private static String bytes(ByteBuffer buffer, int read) {
        int length = Math.max(read, 0);
        return DeviceUnderTest.hex(buffer.array(), length);
    }

    @Override
    public String rewind(int handle) {
        try {
            return "offset " + files.get(handle).position(0).position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close(int handle) {
        files.get(handle).close();
    }

    @Override
    public void close() {
        files.forEach(SimulatedDeviceFile::close);
    }
}
