package io.github.lllqos.cli;

import io.github.lllqos.spi.support.CpuList;
import java.util.List;

/**
 * The kernel-wide sections of {@code status}, from the provider's files: the preemption model, real-time
 * throttling, and CPU isolation.
 */
final class KernelStatus {

    private final StatusFiles files;

    KernelStatus(StatusFiles files) {
        this.files = files;
    }

    Report preemption() {
        Report.Value<String> version = files.read("/proc/sys/kernel/version");
        Report.Value<String> model = PreemptionModel.model(files.read("/sys/kernel/realtime"), version);
        return new Report()
                .put("model", "model", model)
                .put("mode", "current mode", PreemptionModel.dynamicMode(model,
                        files.read("/sys/kernel/debug/sched/preempt"), files.read("/proc/cmdline")))
                .put("kernel_version", "kernel version (uname -v)", version);
    }

    Report rtThrottling() {
        Report.Value<Long> runtime = number(files.read("/proc/sys/kernel/sched_rt_runtime_us"));
        Report.Value<Long> period = number(files.read("/proc/sys/kernel/sched_rt_period_us"));
        Report.Value<String> summary;
        if (!runtime.isKnown()) {
            summary = runtime.stillUnknown();
        } else if (runtime.json() < 0) {
            summary = Report.Value.known("off", "off: real-time threads may use every CPU cycle");
        } else if (!period.isKnown()) {
            summary = period.stillUnknown();
        } else if (runtime.json() >= period.json()) {
            summary = Report.Value.known("off", "off in effect: the runtime is not shorter than the period");
        } else {
            long run = runtime.json();
            long all = period.json();
            summary = Report.Value.known("on", "on: real-time threads are stopped for " + (all - run) + " µs of"
                    + " every " + all + " µs once they have used " + run + " µs (write -1 to"
                    + " /proc/sys/kernel/sched_rt_runtime_us to turn it off)");
        }
        return new Report()
                .put("throttling", "throttling", summary)
                .put("sched_rt_runtime_us", "sched_rt_runtime_us", runtime)
                .put("sched_rt_period_us", "sched_rt_period_us", period);
    }

    Report isolation() {
        return new Report()
                .put("isolated", "isolated CPUs (isolcpus=)", cpuList(files.cpuAttribute("isolated")))
                .put("nohz_full", "nohz_full CPUs (no scheduler tick)", cpuList(files.cpuAttribute("nohz_full")));
    }

    /** A kernel CPU list ({@code 1-3,5}; empty or {@code (null)} for none) as a list of CPU numbers. */
    private static Report.Value<List<Integer>> cpuList(Report.Value<String> list) {
        if (!list.isKnown()) {
            return list.stillUnknown();
        }
        String cpus = list.json();
        if (cpus.isEmpty() || cpus.equals("(null)")) {
            return Report.Value.known(List.of(), "none");
        }
        try {
            return Report.Value.known(CpuList.parse(cpus), cpus);
        } catch (IllegalArgumentException e) {
            return Report.Value.unknown("'" + cpus + "' is not a CPU list");
        }
    }

    /** A file's content as a whole number. */
    static Report.Value<Long> number(Report.Value<String> value) {
        if (!value.isKnown()) {
            return value.stillUnknown();
        }
        try {
            return Report.Value.known(Long.parseLong(value.json()));
        } catch (NumberFormatException e) {
            return Report.Value.unknown("'" + value.json() + "' is not a number");
        }
    }
}
