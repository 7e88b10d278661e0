package io.github.lllqos.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One CPU of the simulated kernel: its device, whose {@code power/pm_qos_resume_latency_us} the kernel exposes for
 * every CPU, the per-CPU resume latency limit that the idle governor combines with the CPU latency limit, and the
 * idle states its cpuidle driver gives it.
 */
public final class SimulatedCpu {

    private final int number;
    private final SimulatedDevice device;
    private final DevPmQos devPmQos;
    private final List<SimulatedIdleState> idleStates;

    SimulatedCpu(int number, DevPmQos devPmQos, CpuidleDriver driver) {
        this.number = number;
        this.devPmQos = devPmQos;
        List<SimulatedIdleState> states = new ArrayList<>();
        for (CpuidleDriver.State state : driver.states()) {
            states.add(new SimulatedIdleState("cpu" + number, states.size(), state));
        }
        this.idleStates = List.copyOf(states);
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

    /**
     * The CPU's idle states, shallowest first, as its {@code cpuidle/stateK} directories show them.
     *
     * @return the states; empty without a cpuidle driver
     */
    public List<SimulatedIdleState> idleStates() {
        return idleStates;
    }

    /**
     * The menu governor's choice when this CPU goes idle under a limit: the deepest enabled state whose exit
     * latency does not exceed the limit, else state 0; the chosen state's usage grows by one.
     *
     * @param limitMicros the lower of the CPU latency limit and this CPU's resume latency
     * @return the state entered, or empty without idle states
     */
    Optional<SimulatedIdleState> enterIdle(int limitMicros) {
        if (idleStates.isEmpty()) {
            return Optional.empty();
        }
        SimulatedIdleState chosen = idleStates.get(0);
        for (SimulatedIdleState state : idleStates) {
            if (!state.disabled() && state.exitLatencyMicros() <= limitMicros) {
                chosen = state;
            }
        }
        chosen.entered();
        return Optional.of(chosen);
    }

    @Override
    public String toString() {
        return "SimulatedCpu[" + number + ", resume latency " + resumeLatency() + " µs]";
    }
}
