package io.github.lllqos.cli;

import io.github.lllqos.LowLatency;
import io.github.lllqos.Refusal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lllqos} command: low wake-up latency tools for Linux. */
@Command(name = "lllqos", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Low wake-up latency on Linux: PM QoS CPU latency requests and what affects them.",
        subcommands = {DemoCommand.class, ProvidersCommand.class, CommandLine.HelpCommand.class,
            StatusCommand.class,
            HoldCommand.class,
            ResumeLatencyCommand.class,
            IdleStatesCommand.class,
            RestoreCommand.class,
            CyclicCommand.class,
            CpusCommand.class,
            AttachCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:invalid arguments, or -Dlllqos.provider names no provider"})
public final class LllqosCommand {

    /** The exit code of a command line that names no provider in {@code -Dlllqos.provider}, as a usage error. */
    static final int MISCONFIGURED = 2;

    /** Set by the {@code bin/lllqos} launcher: how the user runs the command, for the commands printed in hints. */
    static final String COMMAND_PROPERTY = "lllqos.command";

    /** What the library logs (such as values put back after a crash) takes one line each, unless set otherwise. */
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "lllqos: %4$s: %5$s%6$s%n");
        }
        CommandLine commandLine = commandLine();
        commandLine.setOut(ConsoleText.out()).setErr(ConsoleText.err());
        System.exit(commandLine.execute(args));
    }

    /** The {@code lllqos} command line, as {@link #main} runs it ({@link #commandLine(Object)}). */
    static CommandLine commandLine() {
        return commandLine(new LllqosCommand());
    }

    /**
     * The command line of a command, set up as {@code lllqos} runs it: named as the user typed it; help and version
     * always run; any other command refuses to run while lllqos is configured wrongly
     * ({@link io.github.lllqos.ProviderSelection#misconfiguration()}), printing why (exit 2); invalid arguments are
     * answered with one line and a pointer to {@code --help} (exit 2), and errors of the command with one line and
     * no stack trace (exit 1).
     *
     * @param command {@code new LllqosCommand()}, or one subcommand on its own
     * @return the command line
     */
    static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        if (command instanceof LllqosCommand) {
            commandLine.setCommandName(invokedAs());
        }
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        return commandLine.setParameterExceptionHandler(LllqosCommand::invalidArguments)
                .setExecutionExceptionHandler(LllqosCommand::failed)
                .setExecutionStrategy(parseResult -> {
                    Integer help = CommandLine.executeHelpRequest(parseResult);
                    if (help != null) {
                        return help;
                    }
                    CommandLine.ParseResult innermost = parseResult;
                    while (innermost.hasSubcommand()) {
                        innermost = innermost.subcommand();
                    }
                    if (innermost.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                        return run.execute(parseResult);
                    }
                    Optional<Refusal> misconfiguration = LowLatency.providerSelection().misconfiguration();
                    if (misconfiguration.isPresent()) {
                        parseResult.commandSpec().commandLine().getErr().println(invokedAs() + ": "
                                + misconfiguration.get().message());
                        return MISCONFIGURED;
                    }
                    return run.execute(parseResult);
                });
    }

    /**
     * How the user ran this command: what the launcher says, {@code java -jar FILE} for the self-contained jar, else
     * {@code lllqos}.
     */
    static String invokedAs() {
        String launcher = System.getProperty(COMMAND_PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            return launcher;
        }
        try {
            var ours = LllqosCommand.class.getProtectionDomain().getCodeSource();
            var picocli = CommandLine.class.getProtectionDomain().getCodeSource();
            if (ours != null && picocli != null && ours.getLocation().equals(picocli.getLocation())
                    && ours.getLocation().getPath().endsWith(".jar")) {
                return "java -jar " + Path.of(ours.getLocation().toURI());
            }
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the launcher's name
        }
        return "lllqos";
    }

    /**
     * A command as the user can type it again, for the commands that hints print and the start of error lines; also
     * for a subcommand run on its own, as tests do.
     *
     * @param command the command's spec
     * @return such as {@code lllqos resume-latency} or {@code java -jar /opt/lllqos.jar resume-latency}
     */
    static String typed(picocli.CommandLine.Model.CommandSpec command) {
        return command.userObject() instanceof LllqosCommand ? invokedAs() : invokedAs() + " " + command.name();
    }

    private static int invalidArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(typed(command.getCommandSpec()) + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("see '" + typed(command.getCommandSpec()) + " --help'");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        err.println(typed(command.getCommandSpec()) + ": " + message);
        if (!isUserError(e)) {
            e.printStackTrace(err);
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** What a user's environment or input causes, as opposed to a fault of the command itself. */
    private static boolean isUserError(Exception e) {
        return e instanceof io.github.lllqos.LowLatencyException || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException;
    }
}
