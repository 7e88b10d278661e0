package io.github.lllqos.cli;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.cpuidle.IdleStateLease;
import io.github.lllqos.Outcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Shows idle states, or disables those deeper than a bound (as rtla's {@code --deepest-idle-state}). */
@Command(name = "idle-states", mixinStandardHelpOptions = true,
        description = {"Show each CPU's idle states (no options), disable the idle states whose exit latency"
                + " exceeds a bound (/sys/devices/system/cpu/cpuN/cpuidle/stateK/disable), as rtla's"
                + " --deepest-idle-state does, or enable every disabled state again (--enable).",
            "The disable flags are sysfs settings: they stay after this command exits, and after a crash. With"
                + " --hold the states are enabled again on SIGINT or SIGTERM, and after kill -9 by"
                + " ${ROOT-COMMAND-NAME} restore or the next lllqos command that changes sysfs. Changing them needs"
                + " root. Without a cpuidle driver (most virtual machines) there are no idle states."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (also when no state was deep enough to disable)",
            "130:enabled again after SIGINT (with --hold)", "143:enabled again after SIGTERM (with --hold)",
            "1:a state could not be read or written (the file and the missing permission are printed);"
                + " nothing is left changed",
            "2:invalid arguments; nothing changed"})
final class IdleStatesCommand extends SysfsSettingCommand {

    @Option(names = "--disable-deeper-than", paramLabel = "MICROS",
            description = "Disable the idle states whose exit latency exceeds MICROS µs (0 or more).")
    Integer maxExitLatencyMicros;

    @Option(names = "--enable", description = "Enable every disabled idle state of the CPUs again, whoever"
            + " disabled it (the way back from --disable-deeper-than without --hold).")
    boolean enable;

    /** On the provider in use. */
    IdleStatesCommand() {
        this(CpuIdle::current);
    }

    /** On the given CPU idle management, such as a simulated kernel's. */
    IdleStatesCommand(Supplier<CpuIdle> cpuIdle) {
        super(cpuIdle);
    }

    @Override
    void checkArguments() {
        if (enable && (maxExitLatencyMicros != null || hold)) {
            throw invalid("--enable cannot be given with " + (hold ? "--hold" : "--disable-deeper-than")
                    + ": it enables every state of the CPUs for good");
        }
        if (hold && maxExitLatencyMicros == null) {
            throw invalid("--hold needs --disable-deeper-than MICROS");
        }
        if (maxExitLatencyMicros != null && maxExitLatencyMicros < 0) {
            throw invalid("--disable-deeper-than must be 0 µs or more, was " + maxExitLatencyMicros);
        }
    }

    @Override
    int run(CpuIdle idle, List<Integer> cpus, PrintWriter out) throws InterruptedException {
        if (enable) {
            return enable(idle, cpus, out);
        }
        if (maxExitLatencyMicros == null) {
            show(idle, cpus, out);
            return 0;
        }
        return disable(idle, cpus, out);
    }

    private static void show(CpuIdle idle, List<Integer> cpus, PrintWriter out) {
        for (int cpu : cpus) {
            List<IdleState> states = idle.idleStates(cpu);
            out.println("cpu" + cpu + " (cpuidle driver " + idle.driver(cpu) + "): "
                    + (states.isEmpty() ? "no idle states" : ""));
            for (IdleState state : states) {
                out.println("  " + describe(state) + (state.disabled() ? ", disabled" : "") + ", usage "
                        + state.usage());
            }
        }
        out.flush();
    }

    private int enable(CpuIdle idle, List<Integer> cpus, PrintWriter out) {
        Outcome<List<IdleState>> outcome = idle.enableIdleStates(cpus);
        if (refused(outcome.refusal())) {
            return 1;
        }
        List<IdleState> enabled = outcome.value().orElseThrow();
        if (enabled.isEmpty()) {
            out.println("nothing to enable: no idle state of CPUs " + cpus + " is disabled");
        }
        for (IdleState state : enabled) {
            out.println("enabled " + describe(state));
        }
        out.flush();
        return 0;
    }

    private int disable(CpuIdle idle, List<Integer> cpus, PrintWriter out) throws InterruptedException {
        IdleStateLease lease = idle.disableIdleStatesDeeperThan(cpus, maxExitLatencyMicros);
        if (refused(lease.refusal())) {
            return 1;
        }
        if (lease.disabledStates().isEmpty()) {
            boolean noStates = cpus.stream().allMatch(cpu -> idle.idleStates(cpu).isEmpty());
            out.println(noStates ? "nothing to disable: the CPUs have no idle states (cpuidle driver "
                    + idle.driver(cpus.get(0)) + "), so no idle state can delay a wake-up here"
                    : "nothing to disable: no enabled idle state exits in more than " + maxExitLatencyMicros + " µs");
            out.flush();
            lease.close();
            return 0;
        }
        for (IdleState state : lease.disabledStates()) {
            out.println("disabled " + describe(state));
        }
        String restore = restoreCommand(idle, lease.disabledStates());
        return keepOrHold(out, new Change(lease::keep, () -> {
            lease.close();
            return "enabled " + lease.disabledStates().size() + " idle states again";
        }, "these states stay disabled after lllqos exits; enable them again with: " + restore,
                "they are enabled again on SIGINT or SIGTERM; unlike a CPU latency request, these sysfs flags"
                + " survive a crash (kill -9): then " + restoreCommand() + " enables them, or by hand: " + restore));
    }

    /**
     * What undoes this change exactly: {@code --enable} on the CPUs touched, unless they have states that were
     * disabled before, which it would enable too; then one {@code echo 0 >} per state.
     */
    private String restoreCommand(CpuIdle idle, List<IdleState> disabled) {
        List<Integer> cpus = disabled.stream().map(IdleState::cpu).distinct().toList();
        long disabledNow = cpus.stream().flatMap(cpu -> idle.idleStates(cpu).stream()).filter(IdleState::disabled)
                .count();
        if (disabledNow == disabled.size()) {
            return typed() + " --enable --cpus " + cpus.stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
        }
        return disabled.stream().map(state -> "echo 0 > " + idle.disablePath(state)).collect(Collectors.joining("; "));
    }

    private static String describe(IdleState state) {
        return "cpu" + state.cpu() + " state" + state.index() + " " + state.name() + " (exit latency "
                + state.exitLatencyMicros() + " µs)";
    }
}
