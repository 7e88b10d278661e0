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
                + " and after.")
final class DemoCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "0", paramLabel = "MICROS",
            description = "The target wake-up latency in µs (default: ${DEFAULT-VALUE}).")
    int targetMicros;

    @Option(names = "--hold-ms", defaultValue = "500", paramLabel = "MS",
            description = "How long to hold the request (default: ${DEFAULT-VALUE} ms).")
    long holdMillis;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (targetMicros < 0 || holdMillis < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "MICROS and --hold-ms must not be negative, were " + targetMicros + " and " + holdMillis);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(LowLatency.providerSelection().report());
        out.println("effective CPU latency before: " + describe(LowLatency.effectiveCpuLatency()));
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(targetMicros)) {
            if (lease.acquired()) {
                out.println("holding a request for " + targetMicros + " µs for " + holdMillis + " ms");
            } else {
                out.println("no request held: " + lease.notAcquiredReason().orElseThrow());
            }
            out.println("effective CPU latency during: " + describe(LowLatency.effectiveCpuLatency()));
            Thread.sleep(holdMillis);
        }
        out.println("effective CPU latency after: " + describe(LowLatency.effectiveCpuLatency()));
        out.flush();
        return 0;
    }

    static String describe(OptionalInt micros) {
        return micros.isPresent() ? micros.getAsInt() + " µs" : "unknown (the device cannot be read here)";
    }
}
