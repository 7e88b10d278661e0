package io.github.lllqos.cli;

import io.github.lllqos.LowLatency;
import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.realtime.Realtime;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints what affects wake-up latency on this machine. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what this machine does about wake-up latency: the provider, the CPU latency limit and"
                + " who holds it, whether this user can place requests, the preemption model, real-time"
                + " throttling, isolated and nohz_full CPUs, this process's RLIMIT_RTPRIO and timer slack, and per"
                + " CPU the cpuidle driver and governor, the resume latency, and each idle state with its exit"
                + " latency, disabled flag, usage and whether the current limit blocks it.",
            "Values that cannot be read are shown as unknown, with the reason. Run as root to see everything."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the status was printed (unknown values included)", "2:invalid arguments"})
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the same as JSON for scripts (keys in docs/cli.md); an unknown"
            + " value is {\"unknown\": \"reason\"}.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final StatusFiles files;
    private final Supplier<CpuIdle> cpuIdle;

    /** The status as the provider in use shows it: the real machine's, or the simulated kernel's. */
    StatusCommand() {
        this(StatusFiles.of(LowLatency.providerSelection().chosen()), CpuIdle::current);
    }

    /** The status from other files, such as a test's copy of the tree. */
    StatusCommand(StatusFiles files, Supplier<CpuIdle> cpuIdle) {
        this.files = files;
        this.cpuIdle = cpuIdle;
    }

    @Override
    public Integer call() {
        Report report = new StatusCollector(files, cpuIdle, Realtime::timerSlackNanos).collect();
        spec.commandLine().getOut().print(json ? ReportJson.render(report) : ReportText.render(report));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
