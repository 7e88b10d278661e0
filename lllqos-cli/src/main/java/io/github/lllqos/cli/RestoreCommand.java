package io.github.lllqos.cli;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.cpuidle.AbandonedValue;
import io.github.lllqos.cpuidle.CpuIdle;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Puts back the sysfs values that lllqos processes which ended left changed, from the journal. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Put back the sysfs values (idle-state disable flags, resume latency limits) that lllqos"
                + " processes set and did not put back because they ended first: killed with kill -9, crashed or"
                + " OOM-killed. Each file gets what its remaining holders want, or its value before lllqos"
                + " changed it. A file someone else changed since is left alone.",
            "Every change is journalled first, in /run/lllqos (or -D" + CpuIdle.JOURNAL_DIRECTORY_PROPERTY
                + "=DIR). Every lllqos command that changes sysfs does this restore first, too. Needs root."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, also when there was nothing to put back",
            "1:the journal is corrupt or may have been written by another user, or it or a file could not be"
                + " written (the file and the missing permission are printed); nothing is changed"})
final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "Show what would be put back, and change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    private final Supplier<CpuIdle> cpuIdle;

    /** On the provider in use. */
    RestoreCommand() {
        this(CpuIdle::current);
    }

    /** On the given CPU idle management, such as a simulated kernel's. */
    RestoreCommand(Supplier<CpuIdle> cpuIdle) {
        this.cpuIdle = cpuIdle;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            CpuIdle idle = cpuIdle.get();
            List<AbandonedValue> values = dryRun ? idle.abandonedValues() : idle.restoreAbandoned();
            if (values.isEmpty()) {
                out.println("nothing to restore: the journal in " + idle.journalDirectory() + " holds no value that"
                        + " an ended process left changed");
            }
            for (AbandonedValue value : values) {
                out.println((dryRun ? "would " : "") + (value.putBack() ? "put back " : dryRun ? "leave alone "
                        : "left alone ") + value);
            }
            out.flush();
            return 0;
        } catch (LowLatencyException e) {
            spec.commandLine().getErr().println(LllqosCommand.typed(spec) + ": " + e.getMessage());
            return 1;
        }
    }
}
