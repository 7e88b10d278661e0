package io.github.lllqos.fake;

import java.util.List;

/**
 * The cpuidle driver of a simulated kernel and the idle states it gives every CPU, shallowest first.
 *
 * @param name the driver's name, as {@code /sys/devices/system/cpu/cpuidle/current_driver} shows it
 * @param states the idle states of each CPU, shallowest first; empty for {@link #NONE}
 */
public record CpuidleDriver(String name, List<State> states) {

    /**
     * A typical x86 server's states (as {@code intel_idle} reports them): POLL 0 µs, C1 2 µs, C1E 10 µs, C6 133 µs.
     */
    public static final CpuidleDriver INTEL_IDLE = new CpuidleDriver("intel_idle", List.of(new State("POLL", 0),
            new State("C1", 2), new State("C1E", 10), new State("C6", 133)));

    /** No driver, as in most virtual machines: no idle states, so latency limits change nothing. */
    public static final CpuidleDriver NONE = new CpuidleDriver("none", List.of());

    /**
     * Checks the states.
     *
     * @param name the driver's name
     * @param states the idle states, shallowest first
     * @throws IllegalArgumentException if an exit latency is negative
     */
    public CpuidleDriver {
        states = List.copyOf(states);
        for (State state : states) {
            if (state.exitLatencyMicros() < 0) {
                throw new IllegalArgumentException("an exit latency must be 0 µs or more, was "
                        + state.exitLatencyMicros() + " for " + state.name());
            }
        }
    }

    /**
     * One idle state of the driver.
     *
     * @param name such as {@code "C6"}
     * @param exitLatencyMicros how long leaving it takes, in µs
     */
    public record State(String name, int exitLatencyMicros) {
    }
}
