package io.github.lllqos.cli;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.cpuidle.ResumeLatency;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The per-CPU section of {@code status}, from the provider's CPU idle management: each CPU's cpuidle driver and
 * governor, resume latency, the limit the governor applies, and each idle state with whether that limit blocks it.
 */
final class CpuIdleStatus {

    private final Supplier<CpuIdle> cpuIdleSource;

    /**
     * @param cpuIdle the provider's CPU idle management; it may throw {@link LowLatencyException} saying why there
     *     is none
     */
    CpuIdleStatus(Supplier<CpuIdle> cpuIdle) {
        this.cpuIdleSource = cpuIdle;
    }

    Report section(OptionalInt limit) {
        Report section = new Report();
        CpuIdle cpuIdle;
        List<Integer> cpus;
        try {
            cpuIdle = cpuIdleSource.get();
            cpus = cpuIdle.cpus();
        } catch (LowLatencyException e) {
            section.put("unavailable", "per-CPU idle states and resume latency", Report.Value.unknown(
                    e.getMessage()));
            return section;
        }
        Report.Value<String> governor = read(cpuIdle::governor);
        for (int cpu : cpus) {
            section.put("cpu" + cpu, "CPU " + cpu, cpu(cpuIdle, cpu, governor, limit));
        }
        return section;
    }

    private static Report cpu(CpuIdle cpuIdle, int cpu, Report.Value<String> governor, OptionalInt limit) {
        Report section = new Report();
        Report.Value<String> driver = read(() -> cpuIdle.driver(cpu));
        section.put("cpuidle_driver", "cpuidle driver", driver);
        section.put("cpuidle_governor", "cpuidle governor", governor);
        ResumeLatency resume = null;
        try {
            resume = cpuIdle.resumeLatency(cpu);
            section.put("resume_latency", "resume latency (pm_qos_resume_latency_us)",
                    Report.Value.known(resume.kernelForm(), resume.toString()));
        } catch (LowLatencyException e) {
            section.put("resume_latency", "resume latency (pm_qos_resume_latency_us)",
                    Report.Value.unknown(e.getMessage()));
        }
        Integer governorLimit = null;
        if (resume != null && limit.isPresent()) {
            governorLimit = resume.governorLimitMicros(limit.getAsInt());
            section.put("governor_limit_us", "limit the governor applies", Report.Value.known(governorLimit,
                    governorLimit + " µs (the lower of the CPU latency limit and the resume latency)"));
        } else {
            section.put("governor_limit_us", "limit the governor applies", Report.Value.unknown(resume == null
                    ? "the resume latency is unknown" : "the CPU latency limit is unknown"));
        }
        try {
            List<Report> rows = new ArrayList<>();
            for (IdleState state : cpuIdle.idleStates(cpu)) {
                rows.add(idleState(state, governorLimit));
            }
            String none = driver.isKnown() && "none".equals(driver.json())
                    ? "none (no cpuidle driver, as in most virtual machines: the CPU idles without cpuidle, so latency"
                            + " limits change nothing here)"
                    : "none";
            section.put("idle_states", "idle states", new Report.Table(rows, none));
        } catch (LowLatencyException e) {
            section.put("idle_states", "idle states", Report.Value.unknown(e.getMessage()));
        }
        return section;
    }

    private static Report idleState(IdleState state, Integer governorLimit) {
        Report.Value<Boolean> blocked = governorLimit == null ? Report.Value.unknown("limit unknown")
                : Report.Value.known(state.blockedBy(governorLimit), state.blockedBy(governorLimit)
                        ? "blocked (" + state.exitLatencyMicros() + " > " + governorLimit + " µs)" : "allowed");
        return new Report()
                .put("state", "state", Report.Value.known("state" + state.index()))
                .put("name", "name", Report.Value.known(state.name()))
                .put("exit_latency_us", "exit latency", Report.Value.known(state.exitLatencyMicros(),
                        state.exitLatencyMicros() + " µs"))
                .put("disabled", "disabled", Report.Value.known(state.disabled(), state.disabled() ? "yes" : "no"))
                .put("usage", "usage", Report.Value.known(state.usage()))
                .put("blocked_by_limit", "by the limit", blocked);
    }

    private static Report.Value<String> read(Supplier<String> reader) {
        try {
            return Report.Value.known(reader.get());
        } catch (LowLatencyException e) {
            return Report.Value.unknown(e.getMessage());
        }
    }
}
