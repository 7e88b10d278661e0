package io.github.lllqos.cpuidle;

/**
 * One cpuidle state of one CPU, as read from {@code /sys/devices/system/cpu/cpuN/cpuidle/stateK}.
 *
 * @param cpu the CPU number
 * @param index the state number K of {@code stateK}; higher is deeper
 * @param name the state's name, such as {@code "POLL"}, {@code "C1E"} or {@code "C6"}
 * @param exitLatencyMicros how long leaving the state takes, in µs ({@code latency})
 * @param disabled whether the state is disabled through its {@code disable} file
 * @param usage how often the state was entered ({@code usage})
 */
public record IdleState(int cpu, int index, String name, int exitLatencyMicros, boolean disabled, long usage) {

    /**
     * Whether a CPU latency limit keeps the governor out of this state: its exit latency exceeds the limit.
     *
     * @param limitMicros the limit the governor applies, such as {@link ResumeLatency#governorLimitMicros(int)}
     * @return true when the state is not entered under that limit
     */
    public boolean blockedBy(int limitMicros) {
        return exitLatencyMicros > limitMicros;
    }
}
