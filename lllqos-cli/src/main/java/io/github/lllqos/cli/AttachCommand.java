package io.github.lllqos.cli;

import io.github.lllqos.monitor.MonitorReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Loads the wake-up monitor into a running JVM through the Attach API, prints its report as it goes, and on
 * Ctrl-C (or after {@code --duration}) stops it there: the monitor thread ends, its JFR stream closes and any CPU
 * latency request it held is released. The agent writes its report to a file in a directory made for the purpose,
 * and this command reads it.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Load the wake-up monitor into a running JVM and print why its wake-ups are late, live;"
                + " Ctrl-C stops the monitor there and detaches.",
            "OPTIONS are the agent's, comma-separated: interval=US, late=US, priority=N, cpu=N, latency=US"
                    + " (monitor is implied)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:detached after --duration", "130:detached after SIGINT", "143:detached after SIGTERM",
            "1:the JVM could not be attached to, or the agent did not start", "2:invalid arguments"})
final class AttachCommand implements Callable<Integer> {

    private static final String EMBEDDED_AGENT = "lllqos-agent.jar";
    private static final long START_TIMEOUT_MILLIS = 15_000;

    @Parameters(index = "0", paramLabel = "PID", description = "The process id of the JVM to monitor.")
    long pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OPTIONS", defaultValue = "",
            description = "Agent options, such as interval=500,late=100,latency=0.")
    String options;

    @Option(names = "--every", paramLabel = "S", defaultValue = "1",
            description = "Print the report every S seconds (default: ${DEFAULT-VALUE}).")
    int everySeconds;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "0",
            description = "Detach after S seconds; 0 (the default) runs until Ctrl-C.")
    int durationSeconds;

    @Option(names = "--json", description = "Print the JSON report instead of text.")
    boolean json;

    @Option(names = "--agent-jar", paramLabel = "FILE",
            description = "The agent jar to load (default: the one inside this command).")
    Path agentJar;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("lllqos-attach-");
        try {
            Path jar = agentJar != null ? agentJar : extractAgent(dir);
            Path report = dir.resolve("report.json");
            Path process = Path.of("/proc", Long.toString(pid));
            if (!Files.exists(process)) {
                err.println(LllqosCommand.typed(spec) + ": no process " + pid);
                return 1;
            }
            handOver(dir, process);
            JvmAttachment vm;
            try {
                vm = JvmAttachment.attach(pid);
            } catch (IOException e) {
                err.println(LllqosCommand.typed(spec) + ": cannot attach to " + pid + ": " + e.getMessage());
                return 1;
            }
            String agentOptions = "monitor" + (options.isBlank() ? "" : "," + options) + ",report=" + report
                    + ",report-every=" + everySeconds;
            try {
                vm.loadAgent(jar, agentOptions);
            } catch (IOException e) {
                vm.detach();
                err.println(LllqosCommand.typed(spec) + ": the agent did not load into " + pid + ": " + e.getMessage());
                return 1;
            }
            if (!awaitFile(report)) {
                vm.detach();
                err.println(LllqosCommand.typed(spec) + ": the agent wrote no report within "
                        + START_TIMEOUT_MILLIS / 1000 + " s: its one line on the stderr of " + pid + " says why (a bad"
                        + " option, or the agent already runs there)");
                return 1;
            }
            out.println("attached to " + pid + " with " + agentOptions.replace(",report=" + report, ""));
            out.flush();
            return watch(vm, jar, report, out, err);
        } finally {
            deleteTree(dir);
        }
    }

    private void checkArguments() {
        if (pid < 1) {
            throw new ParameterException(spec.commandLine(), "PID must be a process id, 1 or more, was " + pid);
        }
        if (everySeconds < 1 || everySeconds > 86_400) {
            throw new ParameterException(spec.commandLine(), "--every must be 1..86400 seconds, was " + everySeconds);
        }
        if (durationSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--duration must be 0 (until Ctrl-C) or more seconds,"
                    + " was " + durationSeconds);
        }
        for (String reserved : new String[] {"report", "report-every", "stop", "monitor"}) {
            for (String option : options.split(",")) {
                if (option.trim().equals(reserved) || option.trim().startsWith(reserved + "=")) {
                    throw new ParameterException(spec.commandLine(), "OPTIONS must not set " + reserved
                            + ": lllqos attach sets it itself");
                }
            }
        }
        if (agentJar != null && !Files.isReadable(agentJar)) {
            throw new ParameterException(spec.commandLine(), "--agent-jar " + agentJar + " is not a readable file");
        }
    }

    /** Prints the report until the duration ends or a signal comes, then stops the agent and prints the last one. */
    private int watch(JvmAttachment vm, Path jar, Path report, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread printer = new Thread(() -> {
            long end = durationSeconds == 0 ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
            try {
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(everySeconds * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    print(report, out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lllqos-attach-printer");
        Thread hook = new Thread(() -> {
            printer.interrupt();
            detach(vm, jar, report, out, err);
            done.countDown();
        }, "lllqos-attach-detach");
        Runtime.getRuntime().addShutdownHook(hook);
        printer.start();
        printer.join();
        boolean hookNotRun;
        try {
            hookNotRun = Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal: the hook is detaching now, and the extracted agent jar it loads must outlive it.
            hookNotRun = false;
        }
        if (hookNotRun) {
            hook.run();
        }
        done.await(30, TimeUnit.SECONDS);
        return 0;
    }

    /** Loads {@code stop} (the agent stops its monitor, closes its stream, releases its request) and detaches. */
    private void detach(JvmAttachment vm, Path jar, Path report, PrintWriter out, PrintWriter err) {
        try {
            vm.loadAgent(jar, "stop");
            out.println("stopped the monitor in " + vm.pid() + "; its last report:");
            print(report, out);
        } catch (IOException | RuntimeException e) {
            err.println(LllqosCommand.typed(spec) + ": could not stop the monitor in " + vm.pid() + ": "
                    + e.getMessage());
        } finally {
            vm.detach();
            out.flush();
            err.flush();
        }
    }

    private void print(Path report, PrintWriter out) {
        try {
            MonitorReport read = MonitorReport.fromJson(Files.readString(report));
            out.println(json ? read.toJson() : read.toText());
        } catch (IOException | IllegalArgumentException e) {
            out.println("(no report yet: " + e.getMessage() + ")");
        }
        out.flush();
    }

    private static boolean awaitFile(Path file) throws InterruptedException {
        long giveUp = System.nanoTime() + START_TIMEOUT_MILLIS * 1_000_000;
        while (System.nanoTime() < giveUp) {
            if (Files.exists(file)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Copies the agent jar inside this command to a file the target JVM can read. */
    private static Path extractAgent(Path dir) throws IOException {
        try (InputStream embedded = AttachCommand.class.getResourceAsStream(EMBEDDED_AGENT)) {
            if (embedded == null) {
                throw new NoSuchFileException(EMBEDDED_AGENT, null, "this build of lllqos carries no agent jar:"
                        + " build lllqos-agent first, or give --agent-jar lllqos-agent/target/lllqos-agent.jar");
            }
            Path jar = dir.resolve(EMBEDDED_AGENT);
            Files.copy(embedded, jar, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            return jar;
        }
    }

    /** Lets the target JVM write its report into the directory: it may run as another user when we are root. */
    private static void handOver(Path dir, Path process) throws IOException {
        Object owner = Files.getAttribute(process, "unix:uid");
        if (!owner.equals(Files.getAttribute(dir, "unix:uid"))) {
            Files.setAttribute(dir, "unix:uid", owner);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
