package io.github.lllqos.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The devices of a simulated kernel and their per-device PM QoS framework: a device per CPU, each with its
 * {@code power/pm_qos_resume_latency_us}, and whatever devices tests add, such as a bus or a controller.
 * {@link SimulatedKernel#devices()} gives a kernel's devices.
 *
 * <pre>{@code
 * kernel.devices().cpu(1).device().writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "10");
 * assert kernel.devices().cpu(1).resumeLatency() == 10;
 * SimulatedDevice bus = kernel.devices().add("bus0", null);
 * }</pre>
 */
public final class SimulatedDevices {

    private final DevPmQos devPmQos = new DevPmQos();
    private final List<SimulatedCpu> cpus;

    SimulatedDevices(int cpuCount, CpuidleDriver cpuidleDriver) {
        List<SimulatedCpu> created = new ArrayList<>(cpuCount);
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            created.add(new SimulatedCpu(cpu, devPmQos, cpuidleDriver));
        }
        this.cpus = List.copyOf(created);
    }

    /**
     * The per-device PM QoS framework.
     *
     * @return the framework: requests, notifiers and flags of {@link SimulatedDevice}s
     */
    public DevPmQos devPmQos() {
        return devPmQos;
    }

    /**
     * One CPU, with its device and its {@code power/pm_qos_resume_latency_us} attribute.
     *
     * @param cpu the CPU number, 0 to {@link #cpuCount()} - 1
     * @return the CPU
     * @throws IllegalArgumentException if there is no such CPU
     */
    public SimulatedCpu cpu(int cpu) {
        if (cpu < 0 || cpu >= cpus.size()) {
            throw new IllegalArgumentException("cpu must be in 0.." + (cpus.size() - 1) + ", was " + cpu);
        }
        return cpus.get(cpu);
    }

    /**
     * The number of CPUs.
     *
     * @return as the kernel was created with, 4 by default
     */
    public int cpuCount() {
        return cpus.size();
    }

    /**
     * Registers a device, such as a bus or a controller, for per-device requests.
     *
     * @param name the device name
     * @param parent the parent device, or null for none
     * @return the new device
     */
    public SimulatedDevice add(String name, SimulatedDevice parent) {
        return new SimulatedDevice(Objects.requireNonNull(name, "name"), parent, devPmQos);
    }

    @Override
    public String toString() {
        return "SimulatedDevices[" + cpus.size() + " CPUs]";
    }
}
