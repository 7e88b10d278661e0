package io.github.lllqos.cli;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.LowLatency;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.ProviderSelection;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gathers what affects wake-up latency here into a {@link Report}: the provider and the CPU latency limit, the
 * preemption model, real-time throttling, CPU isolation, this process's limits, and per CPU the idle states and
 * which of them the limit blocks. A value that cannot be read is reported unknown with the reason; nothing fails.
 */
final class StatusCollector {

    /** The kernel's CPU latency limit when nobody requests one ({@code PM_QOS_CPU_LATENCY_DEFAULT_VALUE}). */
    static final int DEFAULT_LIMIT_MICROS = 2_000_000_000;

    private static final String DEVICE = "/dev/cpu_dma_latency";

    private final StatusFiles files;
    private final Supplier<CpuIdle> cpuIdleSource;
    private final Supplier<OptionalLong> timerSlack;
    private CpuIdle cpuIdle;

    /**
     * Creates a collector.
     *
     * @param files the kernel's files outside the provider ({@code /proc}, {@code /sys/kernel}, CPU lists)
     * @param cpuIdle the provider's CPU idle management; it may throw {@link LowLatencyException} saying why
     *     there is none
     * @param timerSlack this thread's timer slack in ns ({@code prctl(PR_GET_TIMERSLACK)}, which needs no
     *     permission, unlike {@code /proc/self/timerslack_ns}), empty where it cannot be read
     */
    StatusCollector(StatusFiles files, Supplier<CpuIdle> cpuIdle, Supplier<OptionalLong> timerSlack) {
        this.files = files;
        this.cpuIdleSource = cpuIdle;
        this.timerSlack = timerSlack;
    }

    Report collect() {
        Report report = new Report();
        ProviderSelection selection = LowLatency.providerSelection();
        report.put("provider", "provider", Report.Value.known(selection.chosenName(),
                selection.chosenName() + " (" + selection.why() + ")"));
        selection.chosenDetail().ifPresent(detail -> report.put("provider_detail", "provider detail",
                Report.Value.known(detail)));
        OptionalInt limit = LowLatency.effectiveCpuLatency();
        report.put("cpu_latency", "CPU latency limit (all processes' requests on " + DEVICE + ")",
                cpuLatency(limit));
        report.put("preemption", "preemption", preemption());
        report.put("rt_throttling", "real-time throttling", rtThrottling());
        report.put("cpu_isolation", "CPU isolation", isolation());
        report.put("process", "this process (its limits are inherited from the shell that started it)", process());
        report.put("cpus", "CPUs", cpus(limit));
        return report;
    }

    private Report cpuLatency(OptionalInt limit) {
        Report section = new Report();
        if (limit.isPresent()) {
            int micros = limit.getAsInt();
            section.put("effective_limit_us", "effective limit", Report.Value.known(micros, micros + " µs"
                    + (micros == DEFAULT_LIMIT_MICROS ? " (the default: no process requests a limit)" : "")));
        } else {
            section.put("effective_limit_us", "effective limit", Report.Value.unknown("the provider '"
                    + LowLatency.providerName() + "' cannot read it; see 'can place requests'"));
        }
        try (CpuLatencyLease probe = LowLatency.lowWakeupLatency(DEFAULT_LIMIT_MICROS)) {
            String user = System.getProperty("user.name");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("allowed", probe.acquired());
            json.put("user", user);
            probe.notAcquiredReason().ifPresent(reason -> json.put("reason", reason));
            section.put("can_place_requests", "can place requests", Report.Value.known(json, probe.acquired()
                    ? "yes (user " + user + ")" : "no (user " + user + "): " + probe.notAcquiredReason().orElseThrow()));
        }
        section.put("holders", "processes holding " + DEVICE + " open", holders());
        return section;
    }

    /** Who holds requests: the processes with the device open (the kernel does not show their values). */
    private Report.Value holders() {
        Path proc = files.resolve("/proc");
        List<Map<String, Object>> holders = new ArrayList<>();
        int unreadable = 0;
        try (Stream<Path> processes = Files.list(proc)) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String pid = process.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
                    if (descriptors.anyMatch(StatusCollector::isDevice)) {
                        Report.Value command = files.read("/proc/" + pid + "/comm");
                        Map<String, Object> holder = new LinkedHashMap<>();
                        holder.put("pid", Long.parseLong(pid));
                        holder.put("command", command.isKnown() ? command.json() : null);
                        holders.add(holder);
                    }
                } catch (java.nio.file.NoSuchFileException exited) {
                    // the process ended while /proc was listed
                } catch (IOException | RuntimeException e) {
                    unreadable++;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return Report.Value.unknown("/proc does not exist");
        } catch (IOException e) {
            return Report.Value.unknown("/proc cannot be listed: " + e);
        }
        String text = holders.isEmpty() ? "none" : holders.stream()
                .map(holder -> holder.get("pid") + " " + (holder.get("command") == null ? "(command unknown)"
                        : holder.get("command"))).collect(Collectors.joining(", "));
        if (unreadable > 0) {
            text += " (" + unreadable + " processes could not be inspected: run as root to see them all)";
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("processes", List.copyOf(holders));
        json.put("uninspectable", unreadable);
        return Report.Value.known(json, text);
    }

    private static boolean isDevice(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString().equals(DEVICE);
        } catch (IOException e) {
            return false;
        }
    }

    private Report preemption() {
        Report.Value version = files.read("/proc/sys/kernel/version");
        Report.Value model = PreemptionModel.model(files.read("/sys/kernel/realtime"), version);
        return new Report()
                .put("model", "model", model)
                .put("mode", "current mode", PreemptionModel.dynamicMode(model,
                        files.read("/sys/kernel/debug/sched/preempt"), files.read("/proc/cmdline")))
                .put("kernel_version", "kernel version (uname -v)", version);
    }

    private Report rtThrottling() {
        Report.Value runtime = number(files.read("/proc/sys/kernel/sched_rt_runtime_us"));
        Report.Value period = number(files.read("/proc/sys/kernel/sched_rt_period_us"));
        Report.Value summary;
        if (!runtime.isKnown()) {
            summary = Report.Value.unknown(runtime.reason());
        } else if ((Long) runtime.json() < 0) {
            summary = Report.Value.known("off", "off: real-time threads may use every CPU cycle");
        } else if (!period.isKnown()) {
            summary = Report.Value.unknown(period.reason());
        } else if ((Long) runtime.json() >= (Long) period.json()) {
            summary = Report.Value.known("off", "off in effect: the runtime is not shorter than the period");
        } else {
            long run = (Long) runtime.json();
            long all = (Long) period.json();
            summary = Report.Value.known("on", "on: real-time threads are stopped for " + (all - run) + " µs of"
                    + " every " + all + " µs once they have used " + run + " µs (write -1 to"
                    + " /proc/sys/kernel/sched_rt_runtime_us to turn it off)");
        }
        return new Report()
                .put("throttling", "throttling", summary)
                .put("sched_rt_runtime_us", "sched_rt_runtime_us", runtime)
                .put("sched_rt_period_us", "sched_rt_period_us", period);
    }

    private Report isolation() {
        return new Report()
                .put("isolated", "isolated CPUs (isolcpus=)", cpuList(files.read("/sys/devices/system/cpu/isolated")))
                .put("nohz_full", "nohz_full CPUs (no scheduler tick)", cpuList(files.read(
                        "/sys/devices/system/cpu/nohz_full")));
    }

    /** A kernel CPU list ({@code 1-3,5}; empty or {@code (null)} for none) as a list of CPU numbers. */
    private static Report.Value cpuList(Report.Value list) {
        if (!list.isKnown()) {
            return list;
        }
        String cpus = (String) list.json();
        if (cpus.isEmpty() || cpus.equals("(null)")) {
            return Report.Value.known(List.of(), "none");
        }
        try {
            return Report.Value.known(CpuList.parse(cpus), cpus);
        } catch (IllegalArgumentException e) {
            return Report.Value.unknown("'" + cpus + "' is not a CPU list");
        }
    }

    private Report process() {
        Report section = new Report();
        Report.Value limits = files.read("/proc/self/limits");
        Report.Value soft = Report.Value.unknown(limits.isKnown() ? "/proc/self/limits has no 'Max realtime"
                + " priority' line" : limits.reason());
        Report.Value hard = soft;
        if (limits.isKnown()) {
            for (String line : ((String) limits.json()).split("\n")) {
                if (line.startsWith("Max realtime priority")) {
                    String[] columns = line.substring("Max realtime priority".length()).trim().split("\\s+");
                    soft = limitValue(columns[0]);
                    hard = limitValue(columns[1]);
                }
            }
        }
        if (soft.isKnown()) {
            soft = Report.Value.known(soft.json(), soft.text() + " (the highest real-time priority this user may"
                    + " set; root, with CAP_SYS_NICE, may set any. Raise it in /etc/security/limits.conf:"
                    + " @realtime - rtprio 99)");
        }
        section.put("rlimit_rtprio_soft", "RLIMIT_RTPRIO (soft)", soft);
        section.put("rlimit_rtprio_hard", "RLIMIT_RTPRIO (hard)", hard);
        OptionalLong nanos = timerSlack.get();
        Report.Value slack = nanos.isEmpty()
                ? Report.Value.unknown("prctl(PR_GET_TIMERSLACK) is not available with the provider '"
                        + LowLatency.providerName() + "'")
                : Report.Value.known(nanos.getAsLong(), nanos.getAsLong() + " ns (sleeps of SCHED_OTHER threads may"
                        + " end up to " + nanos.getAsLong() / 1000 + " µs late; real-time threads have none; set it"
                        + " with prctl(PR_SET_TIMERSLACK))");
        section.put("timer_slack_ns", "timer slack", slack);
        return section;
    }

    private static Report.Value limitValue(String text) {
        return text.equals("unlimited") ? Report.Value.known(text) : number(Report.Value.known(text, text));
    }

    private static Report.Value number(Report.Value value) {
        if (!value.isKnown()) {
            return value;
        }
        try {
            long number = Long.parseLong((String) value.json());
            return Report.Value.known(number);
        } catch (NumberFormatException e) {
            return Report.Value.unknown("'" + value.json() + "' is not a number");
        }
    }

    private Report cpus(OptionalInt limit) {
        Report section = new Report();
        List<Integer> cpus;
        try {
            cpuIdle = cpuIdleSource.get();
            cpus = cpuIdle.cpus();
        } catch (LowLatencyException e) {
            section.put("unavailable", "per-CPU idle states and resume latency", Report.Value.unknown(
                    e.getMessage()));
            return section;
        }
        Report.Value governor = read(cpuIdle::governor);
        for (int cpu : cpus) {
            section.put("cpu" + cpu, "CPU " + cpu, cpu(cpu, governor, limit));
        }
        return section;
    }

    private Report cpu(int cpu, Report.Value governor, OptionalInt limit) {
        Report section = new Report();
        Report.Value driver = read(() -> cpuIdle.driver(cpu));
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
            List<IdleState> states = cpuIdle.idleStates(cpu);
            List<Report> rows = new ArrayList<>();
            for (IdleState state : states) {
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
        Report.Value blocked = governorLimit == null ? Report.Value.unknown("limit unknown")
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

    private static Report.Value read(Supplier<String> reader) {
        try {
            return Report.Value.known(reader.get());
        } catch (LowLatencyException e) {
            return Report.Value.unknown(e.getMessage());
        }
    }
}
