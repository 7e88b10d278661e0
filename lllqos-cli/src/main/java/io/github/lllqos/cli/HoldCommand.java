package io.github.lllqos.cli;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Holds a CPU latency request until the process is told to stop, like tuned's {@code force_latency}. */
@Command(name = "hold", mixinStandardHelpOptions = true,
        description = {"Hold a CPU latency request on /dev/cpu_dma_latency until SIGINT (Ctrl-C) or SIGTERM, like"
                + " tuned's force_latency, and print what was held and the effective limit.",
            "The kernel drops the request when this process ends in any way, kill -9 included."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"130:released after SIGINT", "143:released after SIGTERM",
            "1:no request could be placed (the reason and the fix are printed)", "2:invalid arguments"})
final class HoldCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "0", paramLabel = "MICROS",
            description = "The wake-up latency limit to request, in µs, 0.." + Integer.MAX_VALUE
                    + " (default: ${DEFAULT-VALUE}: no idle state deeper than polling).")
    long targetMicros;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        int micros = checkedMicros(spec, targetMicros);
        PrintWriter out = spec.commandLine().getOut();
        CpuLatencyLease lease = LowLatency.lowWakeupLatency(micros);
        if (!lease.acquired()) {
            spec.commandLine().getErr().println(LllqosCommand.typed(spec) + ": no request placed: "
                    + lease.notAcquiredReason().orElseThrow());
            return 1;
        }
        out.println("holding a CPU latency request for " + targetMicros + " µs (provider "
                + LowLatency.providerName() + ")");
        out.println("effective CPU latency limit: " + DemoCommand.describe(LowLatency.effectiveCpuLatency()));
        UntilSignalled.hold(out, () -> {
            lease.close();
            return "released the request for " + targetMicros + " µs; effective CPU latency limit now: "
                    + DemoCommand.describe(LowLatency.effectiveCpuLatency());
        });
        return 0;
    }

    /**
     * A CPU latency target as the kernel takes it.
     *
     * @throws ParameterException unless it is in 0..{@link Integer#MAX_VALUE}
     */
    static int checkedMicros(CommandSpec spec, long micros) {
        if (micros < 0 || micros > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "MICROS must be in 0.." + Integer.MAX_VALUE
                    + " µs, was " + micros + (micros < 0 ? " (the kernel would silently ignore a negative request)"
                    : " (the kernel takes a signed 32-bit value)"));
        }
        return (int) micros;
    }
}
