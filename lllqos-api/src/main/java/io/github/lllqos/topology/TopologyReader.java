package io.github.lllqos.topology;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.internal.CpusetFiles;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.SysfsException;
import io.github.lllqos.spi.SystemFiles;
import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@link CpuTopology} from a provider's CPU attribute files and system files. */
final class TopologyReader {

    /** Intel's hybrid CPU lists, one per core kind. */
    static final String PERFORMANCE_CPUS = "/sys/devices/cpu_core/cpus";
    static final String EFFICIENCY_CPUS = "/sys/devices/cpu_atom/cpus";

    /** What x86 kernels show as the {@code cluster_id} of a CPU in no cluster: the 16-bit "no APIC id". */
    private static final int X86_NO_CLUSTER = 0xFFFF;

    private final CpuSysfs sysfs;
    private final Optional<SystemFiles> systemFiles;

    TopologyReader(CpuSysfs sysfs, Optional<SystemFiles> systemFiles) {
        this.sysfs = sysfs;
        this.systemFiles = systemFiles;
    }

    /** A topology the kernel did not describe: {@code count} CPUs, each its own core in package 0. */
    static CpuTopology assumed(int count, String why) {
        List<LogicalCpu> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < count; cpu++) {
            cpus.add(new LogicalCpu(cpu, 0, 0, -1, cpu, Set.of(cpu), OptionalInt.empty(), CoreType.UNIFORM));
        }
        Set<Integer> all = CpuSets.sorted(cpus.stream().map(LogicalCpu::number).toList());
        return new CpuTopology(cpus, Set.of(), Set.of(), all, Optional.empty(), Optional.of(why));
    }

    CpuTopology read(Optional<Set<Integer>> processAffinity) {
        Set<Integer> online = list(required("online"), "online");
        Set<Integer> isolated = optional("isolated").map(text -> list(text, "isolated")).orElse(Set.of());
        Set<Integer> nohzFull = optional("nohz_full").map(text -> list(text, "nohz_full")).orElse(Set.of());
        Map<Integer, CoreType> types = coreTypes();
        // The kernel gives every CPU the same attributes: which exist is read once, from the first CPU, so a
        // machine of thousands of CPUs is not read through thousands of missing-file failures.
        int first = online.isEmpty() ? 0 : online.iterator().next();
        boolean hasCapacity = entries("cpu" + first).contains("cpu_capacity");
        Set<String> topologyFiles = entries("cpu" + first + "/topology");
        Map<Integer, OptionalInt> capacities = new HashMap<>();
        for (int cpu : online) {
            capacities.put(cpu, hasCapacity ? optional("cpu" + cpu + "/cpu_capacity").map(text -> OptionalInt.of(
                    number(text, "cpu" + cpu + "/cpu_capacity"))).orElse(OptionalInt.empty()) : OptionalInt.empty());
        }
        if (types.isEmpty()) {
            types = typesByCapacity(capacities);
        }
        List<LogicalCpu> cpus = new ArrayList<>(online.size());
        for (int cpu : online) {
            cpus.add(cpu(cpu, capacities.get(cpu), types.getOrDefault(cpu, CoreType.UNIFORM), topologyFiles));
        }
        Optional<CgroupCpuset> cpuset = systemFiles.flatMap(files -> new CpusetFiles(files).read())
                .map(found -> new CgroupCpuset(found.cgroupVersion(), found.file(), found.cpus()));
        return new CpuTopology(cpus, isolated, nohzFull, processAffinity.orElse(online), cpuset, Optional.empty());
    }

    private LogicalCpu cpu(int cpu, OptionalInt capacity, CoreType type, Set<String> files) {
        String directory = "cpu" + cpu + "/topology/";
        int packageId = present(files, directory, "physical_package_id").map(text -> number(text, directory
                + "physical_package_id")).orElse(0);
        int dieId = present(files, directory, "die_id").map(text -> number(text, directory + "die_id"))
                .orElse(packageId);
        int clusterId = present(files, directory, "cluster_id").map(text -> number(text, directory + "cluster_id"))
                .filter(id -> id >= 0 && id != X86_NO_CLUSTER).orElse(-1);
        int coreId = present(files, directory, "core_id").map(text -> number(text, directory + "core_id"))
                .orElse(cpu);
        String siblingsFile = files.contains("core_cpus_list") ? "core_cpus_list" : "thread_siblings_list";
        Set<Integer> siblings = present(files, directory, siblingsFile)
                .map(text -> list(text, directory + siblingsFile)).orElse(Set.of(cpu));
        return new LogicalCpu(cpu, packageId, dieId, clusterId, coreId, siblings, capacity, type);
    }

    /** An attribute the first CPU has; empty where it lacks it, or this CPU does. */
    private Optional<String> present(Set<String> files, String directory, String name) {
        return files.contains(name) ? optional(directory + name) : Optional.empty();
    }

    /** The entries of a directory; none where it is missing or cannot be listed. */
    private Set<String> entries(String directory) {
        try {
            return Set.copyOf(sysfs.list(directory));
        } catch (SysfsException e) {
            return Set.of();
        }
    }

    /** Core types from Intel's hybrid CPU lists; empty where the kernel has none. */
    private Map<Integer, CoreType> coreTypes() {
        Map<Integer, CoreType> types = new HashMap<>();
        systemFiles.ifPresent(files -> {
            readSystemFile(files, PERFORMANCE_CPUS).ifPresent(text -> list(text, PERFORMANCE_CPUS)
                    .forEach(cpu -> types.put(cpu, CoreType.PERFORMANCE)));
            readSystemFile(files, EFFICIENCY_CPUS).ifPresent(text -> list(text, EFFICIENCY_CPUS)
                    .forEach(cpu -> types.put(cpu, CoreType.EFFICIENCY)));
        });
        return types;
    }

    /** Asymmetric CPUs (ARM big.LITTLE, hybrid x86 with capacities): the highest capacity is the performance kind. */
    private static Map<Integer, CoreType> typesByCapacity(Map<Integer, OptionalInt> capacities) {
        TreeSet<Integer> distinct = new TreeSet<>();
        capacities.values().forEach(capacity -> capacity.ifPresent(distinct::add));
        Map<Integer, CoreType> types = new HashMap<>();
        if (distinct.size() < 2) {
            return types;
        }
        capacities.forEach((cpu, capacity) -> capacity.ifPresent(value -> types.put(cpu,
                value == distinct.last() ? CoreType.PERFORMANCE : CoreType.EFFICIENCY)));
        return types;
    }

    private static Optional<String> readSystemFile(SystemFiles files, String path) {
        try {
            return Optional.of(files.read(path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String required(String attribute) {
        try {
            return sysfs.read(attribute);
        } catch (SysfsException e) {
            throw new LowLatencyException("read(" + sysfs.pathOf(attribute) + ") failed: " + e.getMessage()
                    + ": the CPU topology cannot be read without it", e.errno());
        }
    }

    private Optional<String> optional(String attribute) {
        try {
            return Optional.of(sysfs.read(attribute));
        } catch (SysfsException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw new LowLatencyException("read(" + sysfs.pathOf(attribute) + ") failed: " + e.getMessage(),
                    e.errno());
        }
    }

    /** A CPU list; the kernel prints {@code (null)} for an unset {@code nohz_full}. */
    private Set<Integer> list(String text, String attribute) {
        String trimmed = text.strip();
        if (trimmed.equals("(null)")) {
            return Set.of();
        }
        try {
            return CpuSets.sorted(CpuList.parse(trimmed));
        } catch (IllegalArgumentException e) {
            throw new LowLatencyException(display(attribute) + " holds '" + trimmed + "', which is not a CPU"
                    + " list such as 0-3,6");
        }
    }

    private int number(String text, String attribute) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new LowLatencyException(display(attribute) + " holds '" + text.strip() + "', which is not a"
                    + " number");
        }
    }

    private String display(String attribute) {
        return attribute.startsWith("/") ? attribute : sysfs.pathOf(attribute);
    }
}
