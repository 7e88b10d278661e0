package io.github.lllqos.fake;

import io.github.lllqos.spi.support.CpuList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPUs of a simulated machine as {@code /sys/devices/system/cpu/cpuN/topology} shows them: packages, cores and
 * hardware threads, capacities and Intel's hybrid core lists, and the CPUs isolated at boot ({@code isolcpus=},
 * {@code nohz_full=}). Immutable.
 *
 * <pre>{@code
 * SimulatedTopology server = SimulatedTopology.uniform(2, 8, 2).isolated(Set.of(4, 5, 6, 7));
 * SimulatedTopology laptop = SimulatedTopology.hybrid(6, 8);       // 6 P-cores x 2 threads, 8 E-cores
 * SimulatedTopology board = SimulatedTopology.bigLittle(4, 2);     // ARM: 4 LITTLE cores, then 2 big ones
 * SimulatedTopology vm = SimulatedTopology.uniform(1, 2, 1).withoutClusters(65535);   // as x86 guests show
 * SimulatedKernel kernel = new SimulatedKernel(server);
 * }</pre>
 */
public final class SimulatedTopology {

    /** The most CPUs a simulated machine has, as many as a kernel built with {@code NR_CPUS=8192}. */
    public static final int MAX_CPUS = 8192;

    /** The capacity the kernel gives the fastest CPU. */
    public static final int FULL_CAPACITY = 1024;
    /** The capacity of an efficiency core of {@link #hybrid(int, int)}. */
    public static final int EFFICIENCY_CAPACITY = 512;
    /** The capacity of a LITTLE core of {@link #bigLittle(int, int)}, as a Cortex-A53 beside a Cortex-A72. */
    public static final int LITTLE_CAPACITY = 485;

    /** One CPU's attributes. */
    record Cpu(int number, int packageId, int dieId, int clusterId, int coreId, Set<Integer> siblings,
               OptionalInt capacity) {
    }

    private final List<Cpu> cpus;
    private final Set<Integer> performance;
    private final Set<Integer> efficiency;
    private final Set<Integer> isolated;
    private final Set<Integer> nohzFull;

    private SimulatedTopology(List<Cpu> cpus, Set<Integer> performance, Set<Integer> efficiency,
                              Set<Integer> isolated, Set<Integer> nohzFull) {
        this.cpus = List.copyOf(cpus);
        this.performance = sorted(performance);
        this.efficiency = sorted(efficiency);
        this.isolated = sorted(isolated);
        this.nohzFull = sorted(nohzFull);
    }

    /**
     * A machine of identical cores, numbered as x86 Linux numbers them: the first hardware thread of every core,
     * package by package, then the second threads in the same order (so CPU N and N + cores are siblings).
     *
     * @param packages sockets, at least 1
     * @param coresPerPackage at least 1
     * @param threadsPerCore hardware threads per core (2 with SMT), at least 1
     * @return the topology
     * @throws IllegalArgumentException naming the value when a count is below 1 or the machine is larger than
     *     {@value #MAX_CPUS} CPUs
     */
    public static SimulatedTopology uniform(int packages, int coresPerPackage, int threadsPerCore) {
        check("packages", packages);
        check("coresPerPackage", coresPerPackage);
        check("threadsPerCore", threadsPerCore);
        long total = (long) packages * coresPerPackage * threadsPerCore;
        if (total > MAX_CPUS) {
            throw new IllegalArgumentException(packages + " x " + coresPerPackage + " x " + threadsPerCore + " = "
                    + total + " CPUs is more than a simulated machine has: at most " + MAX_CPUS);
        }
        int cores = packages * coresPerPackage;
        List<Cpu> cpus = new ArrayList<>();
        for (int thread = 0; thread < threadsPerCore; thread++) {
            for (int core = 0; core < cores; core++) {
                TreeSet<Integer> siblings = new TreeSet<>();
                for (int sibling = 0; sibling < threadsPerCore; sibling++) {
                    siblings.add(core + sibling * cores);
                }
                int packageId = core / coresPerPackage;
                cpus.add(new Cpu(thread * cores + core, packageId, packageId, core / 2, core % coresPerPackage,
                        siblings, OptionalInt.empty()));
            }
        }
        return new SimulatedTopology(cpus, Set.of(), Set.of(), Set.of(), Set.of());
    }

    /**
     * One package of {@code cpus} single-threaded cores, the simplest machine.
     *
     * @param cpus at least 1
     * @return the topology
     */
    public static SimulatedTopology cpus(int cpus) {
        return uniform(1, cpus, 1);
    }

    /**
     * An Intel hybrid CPU (such as Alder Lake): performance cores with two hardware threads, numbered first with
     * siblings adjacent (CPUs 0 and 1 share a core), then single-threaded efficiency cores in clusters of four.
     * The kernel lists them in {@code /sys/devices/cpu_core/cpus} and {@code /sys/devices/cpu_atom/cpus}, and
     * gives them capacities {@value #FULL_CAPACITY} and {@value #EFFICIENCY_CAPACITY}.
     *
     * @param performanceCores at least 1
     * @param efficiencyCores at least 1
     * @return the topology
     */
    public static SimulatedTopology hybrid(int performanceCores, int efficiencyCores) {
        check("performanceCores", performanceCores);
        check("efficiencyCores", efficiencyCores);
        List<Cpu> cpus = new ArrayList<>();
        TreeSet<Integer> performance = new TreeSet<>();
        TreeSet<Integer> efficiency = new TreeSet<>();
        for (int core = 0; core < performanceCores; core++) {
            Set<Integer> siblings = Set.of(2 * core, 2 * core + 1);
            for (int thread = 0; thread < 2; thread++) {
                cpus.add(new Cpu(2 * core + thread, 0, 0, core, core * 4, siblings, OptionalInt.of(FULL_CAPACITY)));
                performance.add(2 * core + thread);
            }
        }
        for (int core = 0; core < efficiencyCores; core++) {
            int number = 2 * performanceCores + core;
            cpus.add(new Cpu(number, 0, 0, performanceCores + core / 4, (performanceCores + core) * 4,
                    Set.of(number), OptionalInt.of(EFFICIENCY_CAPACITY)));
            efficiency.add(number);
        }
        return new SimulatedTopology(cpus, performance, efficiency, Set.of(), Set.of());
    }

    /**
     * An ARM big.LITTLE machine (such as an RK3399): single-threaded cores in two clusters, the LITTLE cores
     * numbered first in cluster 0, then the big ones in cluster 1. Unlike Intel's hybrid CPUs the kernel lists no
     * core kinds: only {@code cpu_capacity} tells them apart, {@value #LITTLE_CAPACITY} for a LITTLE core and
     * {@value #FULL_CAPACITY} for a big one.
     *
     * @param littleCores at least 1
     * @param bigCores at least 1
     * @return the topology
     */
    public static SimulatedTopology bigLittle(int littleCores, int bigCores) {
        check("littleCores", littleCores);
        check("bigCores", bigCores);
        List<Cpu> cpus = new ArrayList<>();
        for (int number = 0; number < littleCores + bigCores; number++) {
            boolean big = number >= littleCores;
            cpus.add(new Cpu(number, 0, 0, big ? 1 : 0, big ? number - littleCores : number, Set.of(number),
                    OptionalInt.of(big ? FULL_CAPACITY : LITTLE_CAPACITY)));
        }
        return new SimulatedTopology(cpus, Set.of(), Set.of(), Set.of(), Set.of());
    }

    /**
     * This machine's kernel knows no cluster for any CPU: every {@code cluster_id} reads {@code shown}, the value
     * the kernel prints for none, which is 65535 on x86 (the 16-bit "no APIC id", as virtual machines show) and
     * -1 on arm64.
     *
     * @param shown what {@code cluster_id} reads
     * @return a copy whose CPUs belong to no cluster
     */
    public SimulatedTopology withoutClusters(int shown) {
        List<Cpu> unclustered = new ArrayList<>();
        for (Cpu cpu : cpus) {
            unclustered.add(new Cpu(cpu.number(), cpu.packageId(), cpu.dieId(), shown, cpu.coreId(), cpu.siblings(),
                    cpu.capacity()));
        }
        return new SimulatedTopology(unclustered, performance, efficiency, isolated, nohzFull);
    }

    /**
     * This machine booted with {@code isolcpus=} these CPUs: a kernel made with this topology starts with them as
     * its scheduler's {@link SimulatedScheduler#isolatedCpus(Set)}.
     *
     * @param cpus CPUs of this machine
     * @return a copy with those CPUs isolated
     * @throws IllegalArgumentException naming the CPU when one is not a CPU of this machine
     */
    public SimulatedTopology isolated(Set<Integer> cpus) {
        return new SimulatedTopology(this.cpus, performance, efficiency, requireCpus(cpus, "isolcpus"), nohzFull);
    }

    /**
     * This machine booted with {@code nohz_full=} these CPUs.
     *
     * @param cpus CPUs of this machine
     * @return a copy with those CPUs tickless
     * @throws IllegalArgumentException naming the CPU when one is not a CPU of this machine
     */
    public SimulatedTopology nohzFull(Set<Integer> cpus) {
        return new SimulatedTopology(this.cpus, performance, efficiency, isolated, requireCpus(cpus, "nohz_full"));
    }

    /**
     * The number of CPUs.
     *
     * @return at least 1
     */
    public int cpuCount() {
        return cpus.size();
    }

    /**
     * The isolated CPUs.
     *
     * @return ascending, empty unless {@link #isolated(Set)} was given
     */
    public Set<Integer> isolatedCpus() {
        return isolated;
    }

    List<Cpu> cpuList() {
        return cpus;
    }

    Set<Integer> performanceCpus() {
        return performance;
    }

    Set<Integer> efficiencyCpus() {
        return efficiency;
    }

    Set<Integer> nohzFullCpus() {
        return nohzFull;
    }

    /** Throws unless every CPU is one of this machine's. */
    Set<Integer> requireCpus(Set<Integer> wanted, String what) {
        for (Integer cpu : wanted) {
            if (cpu == null || cpu < 0 || cpu >= cpus.size()) {
                throw new IllegalArgumentException("CPU " + cpu + " of " + what + " " + CpuList.format(wanted)
                        + " is not a CPU of this simulated machine, which has CPUs " + CpuList.format(allCpus()));
            }
        }
        return wanted;
    }

    Set<Integer> allCpus() {
        TreeSet<Integer> all = new TreeSet<>();
        cpus.forEach(cpu -> all.add(cpu.number()));
        return Collections.unmodifiableSet(all);
    }

    private static void check(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + count);
        }
    }

    private static Set<Integer> sorted(Set<Integer> cpus) {
        return Collections.unmodifiableSet(new TreeSet<>(cpus));
    }

    @Override
    public String toString() {
        return "SimulatedTopology[" + cpus.size() + " CPUs, isolated " + CpuList.format(isolated) + "]";
    }
}
