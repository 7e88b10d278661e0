package io.github.lllqos.fake;

import java.util.Optional;

/**
 * The cpuidle side of a simulated kernel: the driver that gives every CPU its idle states, and the governor that
 * picks one when a CPU goes idle. {@link SimulatedKernel#cpuidle()} gives a kernel's.
 *
 * <pre>{@code
 * try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(10)) {
 *     assert kernel.cpuidle().enterIdle(0).orElseThrow().name().equals("C1E");   // INTEL_IDLE: C6 takes 133 µs
 * }
 * }</pre>
 */
public final class SimulatedCpuidle {

    private final CpuidleDriver driver;
    private final CpuLatencyQosList cpuLatency;
    private final SimulatedDevices devices;

    SimulatedCpuidle(CpuidleDriver driver, CpuLatencyQosList cpuLatency, SimulatedDevices devices) {
        this.driver = driver;
        this.cpuLatency = cpuLatency;
        this.devices = devices;
    }

    /**
     * The cpuidle driver, which gives every CPU its idle states.
     *
     * @return as the kernel was created with, {@link CpuidleDriver#INTEL_IDLE} by default
     */
    public CpuidleDriver driver() {
        return driver;
    }

    /**
     * Lets a CPU go idle once: the governor enters the deepest enabled idle state whose exit latency does not
     * exceed the lower of the CPU latency limit and the CPU's resume latency ({@code cpuidle_governor_latency_req()}),
     * else state 0, and counts it in the state's usage.
     *
     * @param cpu the CPU number
     * @return the state entered, or empty without a cpuidle driver
     * @throws IllegalArgumentException if there is no such CPU
     */
    public Optional<SimulatedIdleState> enterIdle(int cpu) {
        SimulatedCpu simulated = devices.cpu(cpu);
        return simulated.enterIdle(Math.min(cpuLatency.limit(), simulated.resumeLatency()));
    }

    @Override
    public String toString() {
        return "SimulatedCpuidle[" + driver.name() + "]";
    }
}
