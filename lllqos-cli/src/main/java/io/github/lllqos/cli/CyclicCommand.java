package io.github.lllqos.cli;

import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.cli.cyclic.CpuSet;
import io.github.lllqos.cli.cyclic.CyclicResult;
import io.github.lllqos.cli.cyclic.CyclicSettings;
import io.github.lllqos.cli.cyclic.CyclicTest;
import io.github.lllqos.cli.cyclic.JsonReport;
import io.github.lllqos.cli.cyclic.LatencyPlot;
import io.github.lllqos.cli.cyclic.LiveDisplay;
import io.github.lllqos.cli.cyclic.PolicyNames;
import io.github.lllqos.cli.cyclic.RunDuration;
import io.github.lllqos.cli.cyclic.Summary;
import io.github.lllqos.cli.cyclic.SystemInfo;
import io.github.lllqos.cli.cyclic.Wakeups;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lllqos cyclic}: cyclictest's measurement, from a Java thread, with cyclictest's options and output. */
@Command(name = "cyclic", sortOptions = false,
        description = {"Measure how late periodic wake-ups of Java threads are, as cyclictest does, with its option"
                + " letters and its output format; adds percentiles, --json and --plot.",
            "Example: lllqos cyclic -p 80 -i 1000 -m -l 10000 -q --plot latency.png"})
final class CyclicCommand implements Callable<Integer> {

    private static final String ALL_CPUS = "all";
    private static final String CPU_COUNT = "-1";

    @Option(names = {"-i", "--interval"}, defaultValue = "1000", paramLabel = "INTV",
            description = "Base interval of thread in µs (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = {"-d", "--distance"}, defaultValue = "500", paramLabel = "DIST",
            description = "Distance of thread intervals in µs (default: ${DEFAULT-VALUE}); 0 with -h.")
    long distance;

    @Option(names = {"-l", "--loops"}, defaultValue = "0", paramLabel = "LOOPS",
            description = "Number of loops (default: 0, endless).")
    long loops;

    @Option(names = {"-p", "--priority"}, defaultValue = "0", paramLabel = "PRIO",
            description = "Priority of the measuring threads, 0..99; selects fifo unless --policy is rr.")
    int priority;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "SchedPolicy of the measuring threads: other, normal, batch, idle, fifo or rr.")
    String policy;

    @Option(names = {"-m", "--mlockall"}, description = "Lock current and future memory allocations.")
    boolean mlockall;

    @Option(names = {"-a", "--affinity"}, arity = "0..1", fallbackValue = ALL_CPUS, paramLabel = "CPUSET",
            description = "Pin thread N to CPU N, or, with a CPU list (3-5,0), to the list's CPUs round robin.")
    String affinity;

    @Option(names = "--reserve", description = "Reserve a CPU for each thread (exclusive among processes sharing"
            + " /run/lllqos/cpus) among the -a CPUs or else the reservable CPUs (lllqos cpus), and pin each thread to"
            + " its own; fails naming the holders when there are too few.")
    boolean reserve;

    @Option(names = {"-t", "--threads"}, arity = "0..1", defaultValue = "1", fallbackValue = CPU_COUNT,
            paramLabel = "NUM", description = "Number of threads (default: 1; without NUM, one per CPU).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "Print a summary only on exit.")
    boolean quiet;

    @Option(names = {"-h", "--histogram"}, defaultValue = "0", paramLabel = "US",
            description = "Dump a latency histogram up to US µs after the run (as cyclictest; all threads at -i).")
    int histogram;

    @Option(names = "--latency", defaultValue = "0", paramLabel = "PM_QOS",
            description = "CPU latency request held for the run, µs (default: ${DEFAULT-VALUE}).")
    int latency;

    @Option(names = {"-D", "--duration"}, defaultValue = "0", paramLabel = "TIME",
            description = "Length of the run: seconds, or with m, h or d appended (default: 0, no limit).")
    String duration;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results to FILE, JSON formatted.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw a latency histogram to FILE.png or FILE.svg.")
    Path plot;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CyclicSettings asked = settings(err);
        CyclicReservations.Result reserved = reserve ? CyclicReservations.reserve(asked) : null;
        if (reserved != null && reserved.failure() != null) {
            err.println("lllqos cyclic: " + reserved.failure());
            err.flush();
            return 1;
        }
        try (CyclicReservations reservations = reserved == null ? null : reserved.reservations()) {
            return run(reservations == null ? asked : reservations.pin(asked), out, err);
        }
    }

    private Integer run(CyclicSettings settings, PrintWriter out, PrintWriter err)
            throws InterruptedException, IOException {
        CyclicTest test = new CyclicTest(settings, Wakeups.tickers(), Wakeups.tuning());
        CountDownLatch done = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            test.stop();
            awaitQuietly(done);
        }, "cyclic-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            CyclicResult result;
            try {
                result = test.run(new LiveDisplay(out, err, settings.policy(), quiet));
            } catch (LowLatencyException e) {
                err.println("lllqos cyclic: " + e.getMessage());
                err.flush();
                return 1;
            }
            Summary.print(result, quiet, out);
            SystemInfo system = SystemInfo.current();
            if (json != null) {
                JsonReport.write(result, commandLine(), json);
            }
            if (plot != null) {
                LatencyPlot.write(result, system, plot);
            }
            return 0;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and has just been released.
            }
        }
    }

    CyclicSettings settings(PrintWriter err) {
        try {
            int threadCount = threads == Integer.parseInt(CPU_COUNT) ? Wakeups.usableCpus().cpus().size() : threads;
            Optional<CpuSet> cpus = affinity == null ? Optional.empty()
                    : Optional.of(ALL_CPUS.equals(affinity) ? Wakeups.usableCpus() : CpuSet.parse(affinity));
            CyclicSettings.PolicyAndPriority chosen = CyclicSettings.resolvePolicy(
                    Optional.ofNullable(policy).map(PolicyNames::parse), priority, threadCount, note -> {
                        err.println(note);
                        err.flush();
                    });
            Duration runFor = RunDuration.parse(duration);
            if (plot != null) {
                LatencyPlot.checkName(plot);
            }
            if (json != null && Files.isDirectory(json)) {
                throw new IllegalArgumentException("--json must name a file, '" + json + "' is a directory");
            }
            return new CyclicSettings(interval, distance, loops, chosen.policy(), chosen.priority(), mlockall, cpus,
                    threadCount, histogram, latency, runFor);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private String commandLine() {
        return "lllqos " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
