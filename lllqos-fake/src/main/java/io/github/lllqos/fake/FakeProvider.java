package io.github.lllqos.fake;

import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLocks;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.SystemFiles;
import java.util.Optional;

/**
 * The provider {@code fake}: leases are placed in the {@link InstalledKernel} through its simulated
 * {@code /dev/cpu_dma_latency}, the way the Linux provider uses the real one. Having this module on the class path
 * makes lllqos choose it (with a warning that the kernel is simulated) unless {@code -Dlllqos.provider} names
 * another provider.
 */
public final class FakeProvider implements LowLatencyProvider {

    private final FakeRealtime realtime = new FakeRealtime();
    private volatile SimulatedCpuLatencyQos qos;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public FakeProvider() {
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** The CPU latency QoS of the kernel installed now. */
    @Override
    public CpuLatencyQos cpuLatencyQos() {
        SimulatedKernel kernel = InstalledKernel.get();
        SimulatedCpuLatencyQos current = qos;
        if (current == null || current.kernel() != kernel) {
            current = new SimulatedCpuLatencyQos(kernel);
            qos = current;
        }
        return current;
    }

    /** The CPU attribute files (resume latency, idle states) of the kernel installed now. */
    @Override
    public Optional<CpuSysfs> cpuSysfs() {
        return Optional.of(InstalledKernel.get().cpuSysfs());
    }

    /** The cgroup and hybrid CPU files of the kernel installed now. */
    @Override
    public Optional<SystemFiles> systemFiles() {
        return Optional.of(InstalledKernel.get().systemFiles());
    }

    /** The simulated CPU locks of the kernel installed now: no lock file of the real machine is touched. */
    @Override
    public Optional<CpuLocks> cpuLocks() {
        return Optional.of(InstalledKernel.get().cpuLocks());
    }

    /** Real-time calls recorded by the scheduler of the kernel installed at the time of each call. */
    @Override
    public RealtimeBackend realtime() {
        return realtime;
    }
}
