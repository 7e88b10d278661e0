package io.github.lllqos.cli;

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
            CyclicCommand.class})
public final class LllqosCommand {

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LllqosCommand()).execute(args));
    }
}
