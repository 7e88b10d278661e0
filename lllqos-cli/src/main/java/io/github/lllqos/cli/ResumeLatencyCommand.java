package io.github.lllqos.cli;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.cpuidle.ResumeLatencyLease;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows or sets the per-CPU resume latency limit, {@code cpuN/power/pm_qos_resume_latency_us}. */
@Command(name = "resume-latency", mixinStandardHelpOptions = true,
        description = {"Show the per-CPU resume latency limits (without VALUE), or set them to VALUE"
                + " (/sys/devices/system/cpu/cpuN/power/pm_qos_resume_latency_us), on the CPUs of --cpus (default:"
                + " all). The cpuidle governor keeps a CPU out of idle states whose exit latency exceeds the lower"
                + " of this and the CPU latency limit.",
            "VALUE is in the kernel's form: a number of µs (1..2147483646), n/a for the strictest limit (0 µs: only"
                + " polling), or 0 for NO constraint (the kernel's inverted meaning).",
            "The value is a sysfs setting: unlike a request on /dev/cpu_dma_latency it stays after this command"
                + " exits, and after a crash. With --hold the previous values are restored on SIGINT or SIGTERM,"
                + " and after kill -9 by ${ROOT-COMMAND-NAME} restore or the next lllqos command that changes sysfs."
                + " Changing it needs root."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (without --hold)", "130:restored after SIGINT (with --hold)",
            "143:restored after SIGTERM (with --hold)",
            "1:a value could not be read or written (the file and the missing permission are printed);"
                + " nothing is left changed",
            "2:invalid arguments; nothing changed"})
final class ResumeLatencyCommand extends SysfsSettingCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "VALUE",
            description = "The value to set: µs, n/a or 0 (without it, the current values are shown).")
    String valueArgument;

    private ResumeLatency value;

    /** On the provider in use. */
    ResumeLatencyCommand() {
        this(CpuIdle::current);
    }

    /** On the given CPU idle management, such as a simulated kernel's. */
    ResumeLatencyCommand(Supplier<CpuIdle> cpuIdle) {
        super(cpuIdle);
    }

    @Override
    void checkArguments() {
        if (valueArgument != null) {
            try {
                value = ResumeLatency.parse(valueArgument);
            } catch (IllegalArgumentException e) {
                throw invalid("VALUE: " + e.getMessage());
            }
        } else if (hold) {
            throw invalid("--hold needs a VALUE to hold");
        }
    }

    @Override
    int run(CpuIdle idle, List<Integer> cpus, PrintWriter out) throws InterruptedException {
        if (value == null) {
            for (int cpu : cpus) {
                out.println("cpu" + cpu + ": " + idle.resumeLatency(cpu));
            }
            out.flush();
            return 0;
        }
        ResumeLatencyLease lease = idle.setResumeLatency(cpus, value);
        if (refused(lease.refusal())) {
            return 1;
        }
        lease.previousValues().forEach((cpu, previous) ->
                out.println("cpu" + cpu + ": " + previous + " -> " + value));
        StringBuilder restore = new StringBuilder();
        CpuArguments.byValue(lease.previousValues()).forEach((previous, group) -> restore
                .append(restore.length() == 0 ? "" : " && ").append(typed()).append(" --cpus ")
                .append(group).append(' ').append(previous.kernelForm()));
        return keepOrHold(out, new Change(lease::keep, () -> {
            lease.close();
            return "restored the previous resume latency of CPUs " + lease.previousValues().keySet();
        }, "this sysfs value stays after lllqos exits; restore the previous values with: " + restore,
                "the previous values are restored on SIGINT or SIGTERM; unlike a CPU latency request, this"
                + " sysfs value survives a crash (kill -9): then " + restoreCommand() + " puts it back, or by hand: "
                + restore));
    }
}
