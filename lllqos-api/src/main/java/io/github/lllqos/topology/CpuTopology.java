package io.github.lllqos.topology;

import io.github.lllqos.internal.CpuNumbers;
import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.support.CpuList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CPUs of this machine as users plan them: every online CPU with its package, die, cluster, core and
 * hardware-thread siblings, its capacity and core type on hybrid CPUs, the CPUs isolated from the scheduler
 * ({@code isolcpus}, {@code nohz_full}), and the CPUs this process may use: its affinity and its cgroup's effective
 * cpuset (cgroup v1 and v2, as containers and Kubernetes set them). Any number of CPUs works.
 *
 * <pre>{@code
 * CpuTopology topology = CpuTopology.current();
 * for (CpuCore core : topology.cores()) {
 *     System.out.println(core.cpus() + " " + core.coreType());
 * }
 * Set<Integer> mine = topology.usable();      // (affinity ∪ isolated) ∩ cpuset
 * }</pre>
 *
 * <p>A snapshot: read anew by each {@link #current()}. It is read through the selected provider, so the simulated
 * kernel of {@code lllqos-fake} can stand in any machine.
 */
public final class CpuTopology {

    private final List<LogicalCpu> cpus;
    private final Map<Integer, LogicalCpu> byNumber;
    private final List<CpuCore> cores;
    private final Map<Integer, CpuCore> coreByCpu;
    private final List<CpuPackage> packages;
    private final Set<Integer> online;
    private final Set<Integer> isolated;
    private final Set<Integer> nohzFull;
    private final Set<Integer> affinity;
    private final Optional<CgroupCpuset> cpuset;
    private final Set<Integer> usable;
    private final Optional<String> limitation;

    CpuTopology(List<LogicalCpu> cpus, Set<Integer> isolated, Set<Integer> nohzFull, Set<Integer> affinity,
                Optional<CgroupCpuset> cpuset, Optional<String> limitation) {
        List<LogicalCpu> sorted = new ArrayList<>(cpus);
        sorted.sort(Comparator.comparingInt(LogicalCpu::number));
        this.cpus = List.copyOf(sorted);
        this.byNumber = new HashMap<>();
        sorted.forEach(cpu -> byNumber.put(cpu.number(), cpu));
        this.online = CpuSets.sorted(byNumber.keySet());
        Map<Set<Integer>, CpuCore> coresBySiblings = new LinkedHashMap<>();
        this.coreByCpu = new HashMap<>();
        for (LogicalCpu cpu : sorted) {
            Set<Integer> siblings = CpuSets.intersection(cpu.siblings(), online);
            CpuCore core = coresBySiblings.computeIfAbsent(siblings.isEmpty() ? Set.of(cpu.number()) : siblings,
                    members -> new CpuCore(cpu.packageId(), cpu.coreId(), members, cpu.coreType()));
            coreByCpu.put(cpu.number(), core);
        }
        List<CpuCore> allCores = new ArrayList<>(coresBySiblings.values());
        allCores.sort(Comparator.comparingInt(CpuCore::firstCpu));
        this.cores = List.copyOf(allCores);
        TreeMap<Integer, List<CpuCore>> coresByPackage = new TreeMap<>();
        allCores.forEach(core -> coresByPackage.computeIfAbsent(core.packageId(), id -> new ArrayList<>()).add(core));
        List<CpuPackage> allPackages = new ArrayList<>();
        coresByPackage.forEach((id, members) -> {
            TreeSet<Integer> packageCpus = new TreeSet<>();
            members.forEach(core -> packageCpus.addAll(core.cpus()));
            allPackages.add(new CpuPackage(id, packageCpus, members));
        });
        this.packages = List.copyOf(allPackages);
        this.isolated = CpuSets.intersection(isolated, online);
        this.nohzFull = CpuSets.intersection(nohzFull, online);
        this.affinity = CpuSets.sorted(affinity);
        this.cpuset = cpuset;
        Set<Integer> allowed = CpuSets.intersection(online, CpuSets.union(affinity, this.isolated));
        this.usable = cpuset.map(set -> CpuSets.intersection(allowed, set.cpus())).orElse(allowed);
        this.limitation = limitation;
    }

    /**
     * Reads the topology of this machine now, through the selected provider.
     *
     * @return the topology; where the provider offers no CPU files (provider {@code none}, not Linux), one CPU per
     *     core in package 0 for each processor the JVM sees, with {@link #limitation()} saying why
     * @throws io.github.lllqos.LowLatencyException when the kernel's CPU lists cannot be read
     */
    public static CpuTopology current() {
        LowLatencyProvider provider = ProviderRegistry.provider();
        Optional<Set<Integer>> affinity = Realtime.affinity(ProcessHandle.current().pid());
        return provider.cpuSysfs()
                .map(sysfs -> new TopologyReader(sysfs, provider.systemFiles()).read(affinity))
                .orElseGet(() -> TopologyReader.assumed(Runtime.getRuntime().availableProcessors(),
                        "provider '" + provider.name() + "' offers no CPU attribute files, so the topology is"
                                + " assumed: one CPU per core, all in package 0"));
    }

    /**
     * The online CPUs.
     *
     * @return one entry per CPU, by number
     */
    public List<LogicalCpu> cpus() {
        return cpus;
    }

    /**
     * The online CPUs' numbers.
     *
     * @return ascending
     */
    public Set<Integer> online() {
        return online;
    }

    /**
     * The physical cores of the online CPUs.
     *
     * @return by lowest CPU
     */
    public List<CpuCore> cores() {
        return cores;
    }

    /**
     * The packages (sockets).
     *
     * @return by id
     */
    public List<CpuPackage> packages() {
        return packages;
    }

    /**
     * The CPUs isolated from the scheduler at boot ({@code isolcpus=}), the best home for real-time threads.
     *
     * @return ascending; empty when none are
     */
    public Set<Integer> isolated() {
        return isolated;
    }

    /**
     * The CPUs without a periodic scheduler tick while they run one task ({@code nohz_full=}).
     *
     * @return ascending; empty when none are
     */
    public Set<Integer> nohzFull() {
        return nohzFull;
    }

    /**
     * The CPUs this process's affinity allows ({@code sched_getaffinity} of the process, as {@code taskset} sets it).
     *
     * @return ascending; all online CPUs where the provider cannot tell
     */
    public Set<Integer> affinity() {
        return affinity;
    }

    /**
     * This process's cgroup cpuset.
     *
     * @return the effective cpuset, empty where there is none or it cannot be read
     */
    public Optional<CgroupCpuset> cpuset() {
        return cpuset;
    }

    /**
     * The CPUs this process may use: online, in its affinity or isolated, and in its effective cpuset. Isolated CPUs
     * count although they are outside the affinity: {@code isolcpus=} leaves them out of every process's affinity
     * from boot on, and a thread may still be moved there; only the cpuset bounds that.
     *
     * @return ascending
     */
    public Set<Integer> usable() {
        return usable;
    }

    /**
     * Why parts of this topology are assumed rather than read, if they are.
     *
     * @return empty when everything was read from the kernel
     */
    public Optional<String> limitation() {
        return limitation;
    }

    /**
     * Whether the CPU has cores of different kinds (performance and efficiency cores).
     *
     * @return true when some CPU is not {@link CoreType#UNIFORM}
     */
    public boolean hybrid() {
        return cpus.stream().anyMatch(cpu -> cpu.coreType() != CoreType.UNIFORM);
    }

    /**
     * One online CPU.
     *
     * @param cpu the CPU number
     * @return its description
     * @throws IllegalArgumentException naming the CPU when it is not an online CPU of this machine
     */
    public LogicalCpu cpu(int cpu) {
        LogicalCpu found = byNumber.get(cpu);
        if (found == null) {
            throw unknown(cpu);
        }
        return found;
    }

    /**
     * The core of an online CPU.
     *
     * @param cpu the CPU number
     * @return its core
     * @throws IllegalArgumentException naming the CPU when it is not an online CPU of this machine
     */
    public CpuCore coreOf(int cpu) {
        CpuCore core = coreByCpu.get(cpu);
        if (core == null) {
            throw unknown(cpu);
        }
        return core;
    }

    /**
     * Throws unless every CPU named is online, for arguments that name CPUs.
     *
     * @param cpus CPU numbers
     * @param what what the CPUs are, for the message, such as {@code "-Dlllqos.reservable-cpus=2-3"}
     * @throws IllegalArgumentException naming the first CPU that is not online, and the online CPUs
     */
    void requireOnline(Set<Integer> cpus, String what) {
        CpuNumbers.requireAmong(cpus, online, "of " + what + " is not an online CPU of this machine: CPUs must be"
                + " among the online CPUs " + CpuList.format(online));
    }

    private IllegalArgumentException unknown(int cpu) {
        return new IllegalArgumentException("CPU " + cpu + " is not an online CPU of this machine: the online CPUs"
                + " are " + CpuList.format(online));
    }

    @Override
    public String toString() {
        return "CpuTopology[" + cpus.size() + " CPUs, " + cores.size() + " cores, " + packages.size()
                + " packages, usable " + CpuList.format(usable) + ", isolated " + CpuList.format(isolated) + "]";
    }
}
