package io.github.lllqos.cli;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;
import io.github.lllqos.cpuidle.CpuIdle;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the commands that show or change a per-CPU sysfs setting share: the CPUs of {@code --cpus} on the CPU idle
 * management in use, bad input as a parameter error (exit 2), a failed read or write as one line on stderr (exit
 * 1), and a change either kept after exit (with the way back printed) or held until a signal and undone then.
 */
abstract class SysfsSettingCommand implements Callable<Integer> {

    @Option(names = "--cpus", paramLabel = "CPUS", defaultValue = "all",
            description = "The CPUs to show or change: 2, 0-3, 1,3 or all (default: ${DEFAULT-VALUE}).")
    List<String> cpuArguments;

    @Option(names = "--hold", description = "Keep the change until SIGINT (Ctrl-C) or SIGTERM, then put back what"
            + " was there before.")
    boolean hold;

    @Spec
    CommandSpec spec;

    private final Supplier<CpuIdle> cpuIdle;

    /**
     * On the given CPU idle management.
     *
     * @param cpuIdle the provider's, or a simulated kernel's
     */
    SysfsSettingCommand(Supplier<CpuIdle> cpuIdle) {
        this.cpuIdle = cpuIdle;
    }

    /**
     * Checks the arguments that need no CPU idle management.
     *
     * @throws ParameterException naming the value and the rule
     */
    abstract void checkArguments();

    /**
     * Shows or changes the setting.
     *
     * @param idle the CPU idle management
     * @param cpus the CPUs of {@code --cpus}
     * @param out where the result goes
     * @return the exit code
     * @throws InterruptedException if a hold is interrupted
     */
    abstract int run(CpuIdle idle, List<Integer> cpus, PrintWriter out) throws InterruptedException;

    @Override
    public final Integer call() throws InterruptedException {
        checkArguments();
        try {
            CpuIdle idle = cpuIdle.get();
            return run(idle, CpuArguments.parse(spec.commandLine(), cpuArguments, idle), spec.commandLine().getOut());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        } catch (LowLatencyException e) {
            return failed(e.getMessage());
        }
    }

    /**
     * A parameter error, exit code 2.
     *
     * @param message what is wrong, naming the value and the rule
     * @return the exception to throw
     */
    final ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Prints a refusal as one line on stderr, if there is one.
     *
     * @param refusal why a change was refused, if it was
     * @return whether it was
     */
    final boolean refused(Optional<Refusal> refusal) {
        refusal.ifPresent(r -> failed(r.message()));
        return refusal.isPresent();
    }

    /** The command as typed, such as {@code lllqos idle-states}. */
    final String typed() {
        return LllqosCommand.typed(spec);
    }

    /** The {@code restore} command as typed, such as {@code lllqos restore}, for the hints of {@code --hold}. */
    final String restoreCommand() {
        return LllqosCommand.invokedAs() + " restore";
    }

    /**
     * Keeps a change after exit, or with {@code --hold} holds it until SIGINT or SIGTERM and undoes it then.
     *
     * @param out where the notes go
     * @param change what was changed, and what to say about it
     * @return the exit code when kept; a hold ends the process with the signal's code
     * @throws InterruptedException if the hold is interrupted
     */
    final int keepOrHold(PrintWriter out, Change change) throws InterruptedException {
        if (!hold) {
            change.keep().run();
            out.println(change.keptNote());
            out.flush();
            return 0;
        }
        out.println(change.heldNote());
        UntilSignalled.hold(out, change.undo());
        return 0;
    }

    private int failed(String message) {
        spec.commandLine().getErr().println(typed() + ": " + message);
        return 1;
    }

    /**
     * A change made to sysfs.
     *
     * @param keep leaves it in place after exit
     * @param undo puts the previous values back, saying what it did
     * @param keptNote what is printed when kept: that it stays, and the command that undoes it
     * @param heldNote what is printed when held: that a signal undoes it, and what does after a crash
     */
    record Change(Runnable keep, UntilSignalled.ReleaseAction undo, String keptNote, String heldNote) {
    }
}
