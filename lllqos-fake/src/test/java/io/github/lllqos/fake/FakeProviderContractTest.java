package io.github.lllqos.fake;

import io.github.lllqos.contract.CpuLatencyProviderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The provider contract on the installed simulated kernel, read back without lllqos.
 *
 * <p>The limit is read the way the Linux contract reads the real device: through a device file of its own.
 * That matters for a lease at 0x7fffffff: the reader's own open adds a request at the default, so it reads
 * 2,000,000,000, while {@link CpuLatencyQosList#limit()} alone would read 2,147,483,647, as the real
 * kernel does when that lease is the only request.
 */
class FakeProviderContractTest extends CpuLatencyProviderContract {

    @Override
    protected String expectedProviderName() {
        return "fake";
    }

    @Override
    protected void requireKernel() {
        // The simulated kernel is always there.
    }

    @Override
    protected int kernelEffectiveLimit() {
        try (SimulatedDeviceFile device = InstalledKernel.get().cpuDmaLatency().open()) {
            ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            device.read(value, 0);
            return value.getInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected long requestsHeldByThisProcess() {
        return InstalledKernel.get().cpuDmaLatency().openFiles();
    }
}
