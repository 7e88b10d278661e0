package io.github.lllqos.linux;

import io.github.lllqos.contract.CpuLatencyProviderContract;
import io.github.lllqos.contract.RealEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The provider contract on the real kernel, read back through the device and {@code /proc/self/fd}. */
class LinuxProviderContractTest extends CpuLatencyProviderContract {

    @Override
    protected String expectedProviderName() {
        return "linux";
    }

    @Override
    protected void requireKernel() {
        RealEnvironment.requireCpuDmaLatency();
    }

    @Override
    protected int kernelEffectiveLimit() {
        try (FileChannel device = FileChannel.open(RealEnvironment.CPU_DMA_LATENCY)) {
            ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            device.read(value, 0);
            return value.getInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected long requestsHeldByThisProcess() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(LinuxProviderContractTest::isCpuDmaLatency).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isCpuDmaLatency(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).equals(RealEnvironment.CPU_DMA_LATENCY);
        } catch (IOException e) {
            return false; // closed between listing and reading
        }
    }
}
