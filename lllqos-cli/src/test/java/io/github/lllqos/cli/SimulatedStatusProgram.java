package io.github.lllqos.cli;

import io.github.lllqos.fake.CpuidleDriver;
import io.github.lllqos.fake.InstalledKernel;
import io.github.lllqos.fake.KernelProfile;
import io.github.lllqos.fake.SimulatedDeviceFile;
import io.github.lllqos.fake.SimulatedKernel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * {@code lllqos ARGS} on a simulated kernel whose every value differs from this build machine's, run by
 * {@link SimulatedStatusTest} in a child JVM with {@code -Dlllqos.provider=fake}: 6 CPUs with intel_idle's states,
 * CPU 5 isolated, real-time throttling at 600,000 of 700,000 µs, RLIMIT_RTPRIO 7 (hard 9), and one open file of
 * the device holding a request of 42 µs.
 */
final class SimulatedStatusProgram {

    /** The request the simulated process holds, in µs. */
    static final int HELD_MICROS = 42;

    private SimulatedStatusProgram() {
    }

    public static void main(String[] args) throws Exception {
        SimulatedKernel kernel = new SimulatedKernel(KernelProfile.CURRENT, 6, CpuidleDriver.INTEL_IDLE);
        kernel.scheduler().rtBandwidth(600_000, 700_000).rtprioLimit(7, 9).isolatedCpus(Set.of(5));
        InstalledKernel.install(kernel);
        try (SimulatedDeviceFile held = kernel.cpuDmaLatency().open(StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            held.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, HELD_MICROS));
            LllqosCommand.main(args);
        }
    }
}
