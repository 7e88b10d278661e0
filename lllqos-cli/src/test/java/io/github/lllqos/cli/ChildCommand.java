package io.github.lllqos.cli;

import io.github.lllqos.cpuidle.CpuIdle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code lllqos} command run in a child JVM, for commands that hold until a signal. */
final class ChildCommand implements AutoCloseable {

    /**
     * JVM options that make a child write UTF-8 whatever the build's locale (under LANG=C it would not print µ),
     * for tests that compare its output with text holding µ. Every child started here gets them, before the
     * caller's options, which can override them.
     */
    static final List<String> UTF_8_OUTPUT = List.of("-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
            "-Dstdout.encoding=UTF-8");

    private final Process process;
    private final BufferedReader output;
    private final StringBuilder seen = new StringBuilder();

    private ChildCommand(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code lllqos ARGS} on the Linux provider with this JVM's class path. */
    static ChildCommand start(String... args) throws IOException {
        return startWith(List.of(), args);
    }

    /**
     * Starts {@code java OPTIONS ... lllqos ARGS} on the Linux provider with this JVM's class path, writing UTF-8
     * ({@link #UTF_8_OUTPUT}), this JVM's journal directory, and native access enabled, as the command's jar
     * manifest enables it; an option among OPTIONS comes later and wins.
     */
    static ChildCommand startWith(List<String> jvmOptions, String... args) throws IOException {
        return new ChildCommand(new ProcessBuilder(command(jvmOptions, args)).redirectErrorStream(true).start());
    }

    /** The command line of {@link #startWith}. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dlllqos.provider=linux");
        command.addAll(UTF_8_OUTPUT);
        String journal = System.getProperty(CpuIdle.JOURNAL_DIRECTORY_PROPERTY);
        if (journal != null) {
            command.add("-D" + CpuIdle.JOURNAL_DIRECTORY_PROPERTY + "=" + journal);
        }
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LllqosCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits for the command to end by itself and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end within 60 s");
        }
        return process.exitValue();
    }

    /** Reads output up to and including the first line containing {@code text}; fails at end of output. */
    String readUntil(String text) throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                return seen.toString();
            }
        }
        throw new AssertionError("the command ended without printing '" + text + "':\n" + seen);
    }

    long pid() {
        return process.pid();
    }

    /** Sends SIGTERM and waits for the exit; the output stays readable (Process.destroy() would close it). */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for the command to end by itself, at most 60 s, and returns its exit code. */
    int waitForExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end within 60 s");
        }
        return process.exitValue();
    }

    /** Sends SIGKILL, as {@code kill -9} does, and waits for the exit: no shutdown hook runs. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the command did not end within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** Runs {@code lllqos ARGS} to its end in a child JVM with the given options, and returns its exit and output. */
    static Finished run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        try (ChildCommand child = startWith(jvmOptions, args)) {
            String output = child.rest();
            return new Finished(child.waitForExit(), output);
        }
    }

    /** How a command that ran to its end ended. */
    record Finished(int exit, String output) {
    }

    /** All output so far and to the end. */
    String rest() throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
        }
        return seen.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
