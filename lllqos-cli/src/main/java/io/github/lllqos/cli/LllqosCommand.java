package io.github.lllqos.cli;

import io.github.lllqos.LowLatency;
import io.github.lllqos.Refusal;
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
            CyclicCommand.class,
            CpusCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:invalid arguments, or -Dlllqos.provider names no provider"})
public final class LllqosCommand {

    /** The exit code of a command line that names no provider in {@code -Dlllqos.provider}, as a usage error. */
    static final int MISCONFIGURED = 2;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line: help and version always run; any other command refuses to run while lllqos is
     * configured wrongly ({@link io.github.lllqos.ProviderSelection#misconfiguration()}), printing why.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LllqosCommand());
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        return commandLine.setExecutionStrategy(parseResult -> {
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
                parseResult.commandSpec().commandLine().getErr().println("lllqos: "
                        + misconfiguration.get().message());
                return MISCONFIGURED;
            }
            return run.execute(parseResult);
        });
    }
}
