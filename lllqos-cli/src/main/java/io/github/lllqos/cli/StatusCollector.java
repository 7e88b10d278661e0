package io.github.lllqos.cli;

import io.github.lllqos.LowLatency;
import io.github.lllqos.ProviderSelection;
import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.spi.CpuLatencyQos;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Gathers what affects wake-up latency here into a {@link Report}, all of it from the provider in use (so under
 * the simulated kernel everything is simulated): the provider and the CPU latency limit, the preemption model,
 * real-time throttling, CPU isolation, this process's limits, and per CPU the idle states and which of them the
 * limit blocks. A value that cannot be read is reported unknown with the reason; nothing fails.
 */
final class StatusCollector {

    private final StatusFiles files;
    private final Supplier<CpuIdle> cpuIdle;
    private final Supplier<OptionalLong> timerSlack;

    /**
     * Creates a collector.
     *
     * @param files the provider's kernel files ({@code /proc}, {@code /sys/kernel}, CPU lists)
     * @param cpuIdle the provider's CPU idle management; it may throw
     *     {@link io.github.lllqos.LowLatencyException} saying why there is none
     * @param timerSlack this thread's timer slack in ns ({@code prctl(PR_GET_TIMERSLACK)}, which needs no
     *     permission, unlike {@code /proc/self/timerslack_ns}), empty where it cannot be read
     */
    StatusCollector(StatusFiles files, Supplier<CpuIdle> cpuIdle, Supplier<OptionalLong> timerSlack) {
        this.files = files;
        this.cpuIdle = cpuIdle;
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
        KernelStatus kernel = new KernelStatus(files);
        report.put("cpu_latency", "CPU latency limit (all processes' requests on "
                + CpuLatencyQos.DEVICE + ")", new CpuLatencyStatus(files).section(limit));
        report.put("preemption", "preemption", kernel.preemption());
        report.put("rt_throttling", "real-time throttling", kernel.rtThrottling());
        report.put("cpu_isolation", "CPU isolation", kernel.isolation());
        report.put("process", "this process (its limits are inherited from the shell that started it)", process());
        report.put("cpus", "CPUs", new CpuIdleStatus(cpuIdle).section(limit));
        return report;
    }

    private Report process() {
        Report section = new Report();
        Report.Value<String> limits = files.read("/proc/self/limits");
        Report.Value<?> soft = Report.Value.unknown(limits.isKnown() ? "/proc/self/limits has no 'Max realtime"
                + " priority' line" : limits.reason());
        Report.Value<?> hard = soft;
        if (limits.isKnown()) {
            for (String line : limits.json().split("\n")) {
                if (line.startsWith("Max realtime priority")) {
                    String[] columns = line.substring("Max realtime priority".length()).trim().split("\\s+");
                    soft = limitValue(columns[0]);
                    hard = limitValue(columns[1]);
                }
            }
        }
        if (soft.isKnown()) {
            soft = withText(soft, soft.text() + " (the highest real-time priority this user may set; root, with"
                    + " CAP_SYS_NICE, may set any. Raise it in /etc/security/limits.conf: @realtime - rtprio 99)");
        }
        section.put("rlimit_rtprio_soft", "RLIMIT_RTPRIO (soft)", soft);
        section.put("rlimit_rtprio_hard", "RLIMIT_RTPRIO (hard)", hard);
        OptionalLong nanos = timerSlack.get();
        Report.Value<Long> slack = nanos.isEmpty()
                ? Report.Value.unknown("prctl(PR_GET_TIMERSLACK) is not available with the provider '"
                        + LowLatency.providerName() + "'")
                : Report.Value.known(nanos.getAsLong(), nanos.getAsLong() + " ns (sleeps of SCHED_OTHER threads may"
                        + " end up to " + nanos.getAsLong() / 1000 + " µs late; real-time threads have none; set it"
                        + " with prctl(PR_SET_TIMERSLACK))");
        section.put("timer_slack_ns", "timer slack", slack);
        return section;
    }

    /** A limit: a number, or the word {@code unlimited}. */
    private static Report.Value<?> limitValue(String text) {
        return text.equals("unlimited") ? Report.Value.known(text) : KernelStatus.number(Report.Value.known(text,
                text));
    }

    private static <T> Report.Value<T> withText(Report.Value<T> value, String text) {
        return Report.Value.known(value.json(), text);
    }
}
