package io.github.lllqos.cli;

import io.github.lllqos.LowLatency;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.topology.CpuHolder;
import io.github.lllqos.topology.CpuReservation;
import io.github.lllqos.topology.CpuTopology;
import io.github.lllqos.topology.LogicalCpu;
import io.github.lllqos.topology.ReservableCpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the CPU topology, the CPUs reservations may take, and who holds which. */
@Command(name = "cpus", mixinStandardHelpOptions = true,
        description = {"Show the CPUs as reservations see them: packages, cores and hardware threads, core types on"
                + " hybrid CPUs, isolated and nohz_full CPUs, this process's affinity and cgroup cpuset, the CPUs"
                + " that can be reserved (isolated ones, else all but CPU 0, or -Dlllqos.reservable-cpus), and"
                + " which process holds each reserved CPU (the lock files in /run/lllqos/cpus, or"
                + " -Dlllqos.cpu-lock-dir)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the CPUs were printed", "2:invalid arguments or settings (-Dlllqos.reservable-cpus)"})
final class CpusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON for scripts; the keys are listed in docs/cli.md.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CpuTopology topology = CpuTopology.current();
        ReservableCpus reservable;
        try {
            reservable = ReservableCpus.of(topology);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(LllqosCommand.typed(spec) + ": " + e.getMessage());
            return 2;
        }
        List<CpuHolder> holders;
        String holdersUnknown = null;
        try {
            holders = CpuReservation.holdersNow();
        } catch (LowLatencyException e) {
            holders = List.of();
            holdersUnknown = e.getMessage();
        }
        Report report = report(topology, reservable, holders, holdersUnknown);
        spec.commandLine().getOut().print(json ? ReportJson.render(report) : ReportText.render(report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Report report(CpuTopology topology, ReservableCpus reservable, List<CpuHolder> holders,
                                 String holdersUnknown) {
        Report report = new Report();
        report.put("provider", "provider", Report.Value.known(LowLatency.providerName()));
        Report machine = new Report()
                .put("online", "online CPUs", list(topology.online()))
                .put("cpu_count", "CPU count", Report.Value.known(topology.cpus().size()))
                .put("core_count", "cores", Report.Value.known(topology.cores().size()))
                .put("package_count", "packages", Report.Value.known(topology.packages().size()))
                .put("hybrid", "hybrid (performance and efficiency cores)", Report.Value.known(topology.hybrid()))
                .put("isolated", "isolated CPUs (isolcpus=)", list(topology.isolated()))
                .put("nohz_full", "nohz_full CPUs", list(topology.nohzFull()))
                .put("affinity", "this process's affinity", list(topology.affinity()))
                .put("usable", "usable by this process", list(topology.usable()))
                .put("limitation", "limitation", topology.limitation().map(why -> Report.Value.known(why))
                        .orElse(Report.Value.known(null, "none: read from the kernel")));
        topology.cpuset().ifPresentOrElse(set -> machine.put("cpuset", "cgroup cpuset", new Report()
                .put("cgroup_version", "cgroup version", Report.Value.known(set.cgroupVersion()))
                .put("file", "file", Report.Value.known(set.file()))
                .put("cpus", "CPUs", list(set.cpus()))),
                () -> machine.put("cpuset", "cgroup cpuset", Report.Value.known(null, "none found")));
        report.put("topology", "topology", machine);
        report.put("reservable", "reservable", new Report()
                .put("rule", "rule", Report.Value.known(reservable.rule()))
                .put("cpus", "CPUs", list(reservable.cpus()))
                .put("lock_directory", "lock directory", CpuReservation.lockLocation().map(Report.Value::known)
                        .orElse(Report.Value.unknown("provider '" + LowLatency.providerName() + "' cannot reserve"
                                + " CPUs"))));
        List<Report> held = new ArrayList<>();
        Map<Integer, CpuHolder> byCpu = new HashMap<>();
        for (CpuHolder holder : holders) {
            byCpu.put(holder.cpu(), holder);
            held.add(new Report()
                    .put("cpu", "CPU", Report.Value.known(holder.cpu()))
                    .put("pid", "PID", holder.pid().isPresent() ? Report.Value.known(holder.pid().getAsLong())
                            : Report.Value.known(null, "not recorded yet"))
                    .put("thread", "thread", Report.Value.known(holder.thread()))
                    .put("host", "host", Report.Value.known(holder.host()))
                    .put("started", "started", holder.started().map(instant -> Report.Value.known(instant.toString()))
                            .orElse(Report.Value.known(null, "")))
                    .put("this_process", "this process", Report.Value.known(holder.thisProcess())));
        }
        if (holdersUnknown == null) {
            report.put("holders", "held", new Report.Table(held, "no CPU is reserved"));
        } else {
            report.put("holders", "held", Report.Value.unknown(holdersUnknown));
        }
        List<Report> cpus = new ArrayList<>();
        for (LogicalCpu cpu : topology.cpus()) {
            CpuHolder holder = byCpu.get(cpu.number());
            cpus.add(new Report()
                    .put("cpu", "CPU", Report.Value.known(cpu.number()))
                    .put("package", "package", Report.Value.known(cpu.packageId()))
                    .put("die", "die", Report.Value.known(cpu.dieId()))
                    .put("cluster", "cluster", cpu.clusterId() < 0 ? Report.Value.known(null, "none")
                            : Report.Value.known(cpu.clusterId()))
                    .put("core", "core", Report.Value.known(cpu.coreId()))
                    .put("siblings", "siblings", list(cpu.siblings()))
                    .put("capacity", "capacity", cpu.capacity().isPresent()
                            ? Report.Value.known(cpu.capacity().getAsInt()) : Report.Value.known(null, "-"))
                    .put("core_type", "type", Report.Value.known(cpu.coreType().name().toLowerCase(Locale.ROOT)))
                    .put("usable", "usable", Report.Value.known(topology.usable().contains(cpu.number())))
                    .put("reservable", "reservable", Report.Value.known(reservable.cpus().contains(cpu.number())))
                    .put("held_by", "held by", holder == null ? Report.Value.known(null, "-")
                            : Report.Value.known(holder.pid().isPresent() ? (Object) holder.pid().getAsLong() : null,
                                    holder.describe())));
        }
        report.put("cpus", "CPUs", new Report.Table(cpus, "none online"));
        return report;
    }

    private static Report.Value<String> list(java.util.Set<Integer> cpus) {
        return Report.Value.known(cpus.isEmpty() ? "" : CpuList.format(cpus), CpuList.format(cpus));
    }
}
