package io.github.lllqos.cli;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Holds a lease briefly and shows the effective limit before, during and after. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Hold a CPU latency request for a moment and show the effective limit before, during"
                + " and after.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the request was held", "1:no request could be held (the reason is printed)",
            "2:invalid arguments"})
final class DemoCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "0", paramLabel = "MICROS",
            description = "The target wake-up latency in µs, 0.." + Integer.MAX_VALUE + " (default: ${DEFAULT-VALUE}).")
    long targetMicros;

    @Option(names = "--hold-ms", defaultValue = "500", paramLabel = "MS",
            description = "How long to hold the request (default: ${DEFAULT-VALUE} ms).")
    long holdMillis;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        int micros = HoldCommand.checkedMicros(spec, targetMicros);
        if (holdMillis < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--hold-ms must not be negative, was " + holdMillis);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(LowLatency.providerSelection().report());
        out.println("effective CPU latency before: " + describe(LowLatency.effectiveCpuLatency()));
        boolean held;
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(micros)) {
            held = lease.acquired();
            if (held) {
                out.println("holding a request for " + targetMicros + " µs for " + holdMillis + " ms");
            } else {
                out.println("no request held: " + lease.notAcquiredReason().orElseThrow());
            }
            out.println("effective CPU latency during: " + describe(LowLatency.effectiveCpuLatency()));
            Thread.sleep(holdMillis);
        }
        out.println("effective CPU latency after: " + describe(LowLatency.effectiveCpuLatency()));
        out.flush();
        return held ? 0 : 1;
    }

    static String describe(OptionalInt micros) {
        return micros.isPresent() ? micros.getAsInt() + " µs" : "unknown (the device cannot be read here)";
    }
}
