package io.github.lllqos.cli;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.cli.cyclic.CpuRotation;
import io.github.lllqos.cli.cyclic.CyclicResult;
import io.github.lllqos.cli.cyclic.CyclicSettings;
import io.github.lllqos.cli.cyclic.CyclicTest;
import io.github.lllqos.cli.cyclic.JsonReport;
import io.github.lllqos.cli.cyclic.LatencyPlot;
import io.github.lllqos.cli.cyclic.LiveDisplay;
import io.github.lllqos.cli.cyclic.OutputFile;
import io.github.lllqos.cli.cyclic.PlotSupport;
import io.github.lllqos.cli.cyclic.PolicyNames;
import io.github.lllqos.cli.cyclic.RunDuration;
import io.github.lllqos.cli.cyclic.RunHeap;
import io.github.lllqos.cli.cyclic.SpinFinish;
import io.github.lllqos.cli.cyclic.Summary;
import io.github.lllqos.cli.cyclic.SystemInfo;
import io.github.lllqos.cli.cyclic.Wakeups;
import io.github.lllqos.realtime.SchedPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lllqos cyclic}: cyclictest's measurement, from a Java thread, with cyclictest's options and output. */
@Command(name = "cyclic", sortOptions = false,
        description = {"Measure how late periodic wake-ups of Java threads are, as cyclictest does, with its option"
                + " letters and its output format; adds percentiles, --json and --plot.",
            "Example: ${COMMAND-FULL-NAME} -p 80 -i 1000 -m -l 10000 -q --plot latency.png",
            "Every option is checked before the first activation; Ctrl-C (SIGINT) or SIGTERM ends the run, prints"
                + " the summary, writes --json and --plot, and exits 0, as cyclictest does."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run ended (after -l or -D, or on SIGINT or SIGTERM) and its results were written",
            "1:the run failed (the kernel refused a priority, pinning or memory lock: the reason is printed) or a"
                + " result file could not be written",
            "2:invalid arguments; nothing ran"})
final class CyclicCommand implements Callable<Integer> {

    private static final String ALL_CPUS = "all";
    /** {@code -t} without a number. */
    private static final String PER_CPU = "per-cpu";
    /** Above this maximum heap, {@code -m} says how much memory it locks. */
    private static final long LARGE_HEAP_BYTES = 1L << 30;

    @Option(names = {"-i", "--interval"}, defaultValue = "1000", paramLabel = "INTV",
            description = "Base interval of thread in µs (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = {"-d", "--distance"}, defaultValue = "500", paramLabel = "DIST",
            description = "Distance of thread intervals in µs (default: ${DEFAULT-VALUE}); 0 with -h.")
    long distance;

    @Option(names = {"-l", "--loops"}, defaultValue = "0", paramLabel = "LOOPS",
            description = "Number of loops (default: 0, endless).")
    long loops;

    @Option(names = {"-p", "--priority"}, paramLabel = "PRIO",
            description = "Priority of the measuring threads, 0..99; selects fifo unless --policy is rr; 0 means"
                    + " threads + 1, as in cyclictest (default: no real-time priority).")
    Integer priority;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Policy of the measuring threads: other, normal, batch, idle, fifo, rr or deadline"
                    + " (SCHED_DEADLINE, period and deadline -i, measured as cyclicdeadline does).")
    String policy;

    @Option(names = "--runtime", paramLabel = "US",
            description = "With --policy deadline: the runtime per period, µs (default: 60%% of -i).")
    Long runtime;

    @Option(names = "--spin", paramLabel = "US|auto",
            description = "Sleep until US µs before each deadline and spin the rest; auto learns the margin from"
                    + " the sleeps' lateness. Prints the CPU the spinning took.")
    String spin;

    @Option(names = {"-m", "--mlockall"},
            description = "Lock current and future memory (mlockall): all of this JVM's memory, its whole heap"
                    + " reservation (-Xmx) included. The lllqos launcher runs with a fixed 64 MB heap for this;"
                    + " with java -jar, give -Xms64m -Xmx64m -XX:+AlwaysPreTouch.")
    boolean mlockall;

    @Option(names = {"-a", "--affinity"}, arity = "0..1", fallbackValue = ALL_CPUS, paramLabel = "CPUSET",
            description = "Pin thread N to CPU N, or, with a CPU list (3-5,0), to the list's CPUs round robin;"
                    + " each CPU must be online and allowed to this process.")
    String affinity;

    @Option(names = "--reserve", description = "Reserve a CPU for each thread (exclusive among processes sharing"
            + " /run/lllqos/cpus) among the CPUs of an -a list, or else (-a without a list too) among the reservable"
            + " CPUs (lllqos cpus), and pin each thread to its own; fails naming the holders when there are too few.")
    boolean reserve;

    @Option(names = {"-t", "--threads"}, arity = "0..1", defaultValue = "1", fallbackValue = PER_CPU,
            paramLabel = "NUM", description = "Number of threads, 1 or more (default: 1; without NUM, one per CPU).")
    String threads;

    @Option(names = {"-q", "--quiet"}, description = "Print a summary only on exit.")
    boolean quiet;

    @Option(names = {"-h", "--histogram"}, defaultValue = "0", paramLabel = "US",
            description = "Dump a latency histogram up to US µs after the run (as cyclictest; all threads at -i);"
                    + " 1..1000000, each µs takes 16 bytes of heap per thread.")
    int histogram;

    @Option(names = "--latency", defaultValue = "0", paramLabel = "PM_QOS",
            description = "CPU latency request held for the run, µs (default: ${DEFAULT-VALUE}).")
    int latency;

    @Option(names = "--laptop",
            description = "Hold no CPU latency request, as cyclictest's --laptop: shows what the request buys.")
    boolean laptop;

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
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CyclicSettings asked = settings(err);
        if (mlockall && Runtime.getRuntime().maxMemory() > LARGE_HEAP_BYTES) {
            err.println("note: -m locks all of this JVM's memory, its heap of up to "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB included; run with the lllqos launcher or"
                    + " -Xms64m -Xmx64m -XX:+AlwaysPreTouch to keep it small");
            err.flush();
        }
        CyclicReservations.Result reserved = reserve
                ? CyclicReservations.reserve(asked, affinity != null && !ALL_CPUS.equals(affinity)) : null;
        if (reserved != null && reserved.failure() != null) {
            err.println(LllqosCommand.typed(spec) + ": " + reserved.failure());
            err.flush();
            return reserved.badSetting() ? 2 : 1;
        }
        // Counted down once everything is written and released: a signal's hook waits for it, then exits.
        CountDownLatch finished = new CountDownLatch(1);
        try (CyclicReservations reservations = reserved == null ? null : reserved.reservations()) {
            return run(reservations == null ? asked : reservations.pin(asked), finished, out, err);
        } finally {
            finished.countDown();
        }
    }

    private int run(CyclicSettings settings, CountDownLatch finished, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        CyclicTest test = new CyclicTest(settings, Wakeups.tickers(settings.spin()), Wakeups.tuning());
        AtomicInteger exitCode = new AtomicInteger(1);
        Thread onSignal = new Thread(() -> {
            test.stop();
            awaitQuietly(finished);
            // As cyclictest: a run ended by SIGINT or SIGTERM has printed its summary and exits with its own code.
            Runtime.getRuntime().halt(exitCode.get());
        }, "cyclic-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            exitCode.set(runAndReport(test, settings, out, err));
            return exitCode.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // a signal: the hook is running and exits with the code
            }
        }
    }

    private int runAndReport(CyclicTest test, CyclicSettings settings, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        CyclicResult result;
        try {
            result = test.run(new LiveDisplay(out, err, settings.policy(), quiet));
        } catch (LowLatencyException e) {
            err.println(LllqosCommand.typed(spec) + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        Summary.print(result, quiet, out);
        int code = 0;
        if (plot != null) {
            try {
                LatencyPlot.write(result, SystemInfo.current(), plot);
            } catch (IOException | RuntimeException e) {
                err.println(LllqosCommand.typed(spec) + ": --plot " + plot + " could not be written: " + e.getMessage());
                code = 1;
            }
        }
        if (json != null) {
            try {
                JsonReport.write(result, commandLine(), code, json);
            } catch (IOException | RuntimeException e) {
                err.println(LllqosCommand.typed(spec) + ": --json " + json + " could not be written: " + e.getMessage());
                code = 1;
            }
        }
        err.flush();
        return code;
    }

    CyclicSettings settings(PrintWriter err) {
        try {
            CpuRotation usable = Wakeups.usableCpus();
            int threadCount = PER_CPU.equals(threads) ? usable.cpus().size() : threadCount(threads);
            Optional<CpuRotation> cpus = affinity == null ? Optional.empty()
                    : Optional.of(ALL_CPUS.equals(affinity) ? usable : CpuRotation.parse(affinity));
            cpus.ifPresent(set -> checkUsable(set, usable));
            if (laptop && spec.commandLine().getParseResult().hasMatchedOption("--latency")) {
                throw new IllegalArgumentException("--laptop holds no CPU latency request, so it cannot be given"
                        + " with --latency " + latency);
            }
            Duration runFor = RunDuration.parse(duration);
            if (plot != null) {
                PlotSupport.check(plot);
                OutputFile.checkWritable("--plot", plot);
            }
            if (json != null) {
                OutputFile.checkWritable("--json", json);
            }
            CyclicSettings.PolicyAndPriority chosen = CyclicSettings.resolvePolicy(
                    Optional.ofNullable(policy).map(PolicyNames::parse),
                    priority == null ? OptionalInt.empty() : OptionalInt.of(priority), Math.max(threadCount, 0),
                    note -> {
                        err.println(note);
                        err.flush();
                    });
            SpinFinish spinFinish = spin == null ? SpinFinish.NONE : SpinFinish.parse(spin);
            long runtimeMicros = runtime != null ? runtime
                    : chosen.policy() == SchedPolicy.DEADLINE ? CyclicSettings.defaultRuntimeMicros(interval) : 0;
            CyclicSettings settings = new CyclicSettings(interval, distance, loops, chosen.policy(),
                    chosen.priority(), mlockall, cpus, threadCount, histogram,
                    laptop ? OptionalInt.empty() : OptionalInt.of(latency), runFor, spinFinish, runtimeMicros);
            RunHeap.check(settings, Runtime.getRuntime().maxMemory(), CyclicCommand::largerHeap);
            return settings;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** How to give this command a heap of {@code megabytes}: the launcher adds JAVA_OPTS after its own -Xmx64m. */
    private static String largerHeap(long megabytes) {
        String xmx = "-Xmx" + megabytes + "m";
        return System.getProperty(LllqosCommand.COMMAND_PROPERTY) != null
                ? "give it more with JAVA_OPTS=" + xmx + " (the lllqos launcher passes JAVA_OPTS after its -Xmx64m)"
                : "give it more with java " + xmx;
    }

    private static int threadCount(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-t threads must be a number, 1 or more, was '" + number + "'");
        }
    }

    private static void checkUsable(CpuRotation asked, CpuRotation usable) {
        List<Integer> allowed = usable.cpus();
        for (int cpu : asked.cpus()) {
            if (!allowed.contains(cpu)) {
                throw new IllegalArgumentException("-a CPU " + cpu + " is not one this process can run on: it may"
                        + " run on " + allowed + " (online and in its affinity mask)");
            }
        }
    }

    private String commandLine() {
        return "lllqos " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
