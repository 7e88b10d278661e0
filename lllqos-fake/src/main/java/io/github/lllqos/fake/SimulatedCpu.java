package io.github.lllqos.fake;

/**
 * One CPU of the simulated kernel: its device, whose {@code power/pm_qos_resume_latency_us} the kernel exposes for
 * every CPU, and the per-CPU resume latency limit that the idle governor combines with the CPU latency limit.
 */
public final class SimulatedCpu {

    private final int number;
    private final SimulatedDevice device;
    private final DevPmQos devPmQos;

    SimulatedCpu(int number, DevPmQos devPmQos) {
        this.number = number;
        this.devPmQos = devPmQos;
        this.device = new SimulatedDevice("cpu" + number, null, devPmQos);
        // register_cpu() exposes the per-CPU resume latency limit with no constraint.
        devPmQos.exposeLatencyLimit(device, PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
    }

    /**
     * The CPU number.
     *
     * @return N of {@code cpuN}
     */
    public int number() {
        return number;
    }

    /**
     * The CPU's device, for its sysfs attributes and per-device requests.
     *
     * @return the device named {@code cpuN}
     */
    public SimulatedDevice device() {
        return device;
    }

    /**
     * The CPU's resume latency limit ({@code dev_pm_qos_raw_resume_latency}), read without a lock.
     *
     * @return the minimum of the CPU's resume latency requests in µs: 0 after {@code n/a} was written,
     *     {@link PmQos#PM_QOS_RESUME_LATENCY_NO_CONSTRAINT} without a constraint
     */
    public int resumeLatency() {
        return devPmQos.readValue(device, DevPmQosReqType.RESUME_LATENCY);
    }

    @Override
    public String toString() {
        return "SimulatedCpu[" + number + ", resume latency " + resumeLatency() + " µs]";
    }
}
