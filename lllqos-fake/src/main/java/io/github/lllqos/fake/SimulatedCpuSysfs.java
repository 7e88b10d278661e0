package io.github.lllqos.fake;

import io.github.lllqos.Errno;
import io.github.lllqos.spi.SysfsException;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The simulated kernel's {@code /sys/devices/system/cpu}: the CPU lists, the cpuidle driver and governor, each
 * CPU's {@code power/pm_qos_resume_latency_us} (its device's attribute) and {@code cpuidle/stateK} directories.
 * Read-only attributes refuse writes with EACCES, as they do for root on the real sysfs. Changes made through
 * {@link io.github.lllqos.cpuidle.CpuIdle} are journalled in the kernel's own directory, never in the shared one
 * of the real sysfs.
 */
final class SimulatedCpuSysfs implements CpuSysfs {

    private static final String DIRECTORY = "/sys/devices/system/cpu";
    private static final String GOVERNOR = "menu";
    private static final Pattern CPU_NAME = Pattern.compile("cpu[0-9]+");
    private static final Pattern STATE_NAME = Pattern.compile("state[0-9]+");

    private final SimulatedKernel kernel;

    SimulatedCpuSysfs(SimulatedKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String pathOf(String attribute) {
        return attribute.isEmpty() ? DIRECTORY : DIRECTORY + "/" + attribute;
    }

    private String readAttribute(String attribute) throws IOException {
        String[] parts = attribute.split("/");
        switch (attribute) {
            case "present":
            case "online":
            case "possible":
                return cpuList() + "\n";
            case "isolated":
                return (kernel.scheduler().isolatedCpus().isEmpty() ? ""
                        : CpuList.format(kernel.scheduler().isolatedCpus())) + "\n";
            case "nohz_full":
                return (kernel.topology().nohzFullCpus().isEmpty() ? "(null)"
                        : CpuList.format(kernel.topology().nohzFullCpus())) + "\n";
            case "cpuidle/current_driver":
                return kernel.cpuidle().driver().name() + "\n";
            case "cpuidle/current_governor":
            case "cpuidle/current_governor_ro":
                return GOVERNOR + "\n";
            default:
                break;
        }
        SimulatedCpu cpu = cpu(parts, attribute);
        if (parts.length == 3 && parts[1].equals("power")) {
            return cpu.device().readAttribute(parts[2]);
        }
        SimulatedTopology.Cpu layout = kernel.topology().cpuList().get(cpu.number());
        if (parts.length == 2 && parts[1].equals("cpu_capacity") && layout.capacity().isPresent()) {
            return layout.capacity().getAsInt() + "\n";
        }
        if (parts.length == 3 && parts[1].equals("topology")) {
            return topologyAttribute(layout, parts[2], attribute);
        }
        if (parts.length == 4 && parts[1].equals("cpuidle")) {
            return idleState(cpu, parts[2], attribute).readAttribute(parts[3]);
        }
        throw missing(attribute);
    }

    private void writeAttribute(String attribute, String value) throws IOException {
        String[] parts = attribute.split("/");
        if (parts.length == 1 || parts[0].equals("cpuidle") || parts[1].equals("topology")
                || parts[1].equals("cpu_capacity")) {
            readAttribute(attribute);
            throw new AccessDeniedException(pathOf(attribute), null, "the file is owned by root:root with mode"
                    + " r--r--r-- (simulated)");
        }
        SimulatedCpu cpu = cpu(parts, attribute);
        if (parts.length == 3 && parts[1].equals("power")) {
            cpu.device().writeAttribute(parts[2], value);
        } else if (parts.length == 4 && parts[1].equals("cpuidle")) {
            idleState(cpu, parts[2], attribute).writeAttribute(parts[3], value);
        } else {
            throw missing(attribute);
        }
    }

    private List<String> listDirectory(String directory) throws IOException {
        List<String> entries = new ArrayList<>();
        String[] parts = directory.split("/");
        if (directory.isEmpty()) {
            for (int cpu = 0; cpu < kernel.devices().cpuCount(); cpu++) {
                entries.add("cpu" + cpu);
            }
            entries.addAll(List.of("cpuidle", "isolated", "nohz_full", "online", "possible", "present"));
        } else if (directory.equals("cpuidle")) {
            entries.addAll(List.of("current_driver", "current_governor", "current_governor_ro"));
        } else {
            SimulatedCpu cpu = cpu(parts, directory);
            if (parts.length == 1) {
                entries.add("power");
                entries.add("topology");
                if (kernel.topology().cpuList().get(cpu.number()).capacity().isPresent()) {
                    entries.add("cpu_capacity");
                }
                if (!cpu.idleStates().isEmpty()) {
                    entries.add("cpuidle");
                }
            } else if (parts.length == 2 && parts[1].equals("topology")) {
                entries.addAll(List.of("cluster_id", "core_cpus_list", "core_id", "die_id", "physical_package_id",
                        "thread_siblings_list"));
            } else if (parts.length == 2 && parts[1].equals("power")) {
                entries.add(SimulatedDevice.RESUME_LATENCY_US);
            } else if (parts.length == 2 && parts[1].equals("cpuidle") && !cpu.idleStates().isEmpty()) {
                for (SimulatedIdleState state : cpu.idleStates()) {
                    entries.add("state" + state.index());
                }
            } else if (parts.length == 3 && parts[1].equals("cpuidle")) {
                idleState(cpu, parts[2], directory);
                entries.addAll(List.of("disable", "latency", "name", "usage"));
            } else {
                throw missing(directory);
            }
        }
        entries.sort(null);
        return entries;
    }

    private String topologyAttribute(SimulatedTopology.Cpu layout, String name, String attribute)
            throws NoSuchFileException {
        return switch (name) {
            case "physical_package_id" -> layout.packageId() + "\n";
            case "die_id" -> layout.dieId() + "\n";
            case "cluster_id" -> layout.clusterId() + "\n";
            case "core_id" -> layout.coreId() + "\n";
            case "core_cpus_list", "thread_siblings_list" -> CpuList.format(layout.siblings()) + "\n";
            default -> throw missing(attribute);
        };
    }

    /** The simulated kernel lives in this JVM, and so does the journal of its changes: in a directory of its own. */
    @Override
    public Optional<Path> journalDirectory() {
        return Optional.of(kernel.journalDirectory());
    }

    private String cpuList() {
        return kernel.devices().cpuCount() == 1 ? "0" : "0-" + (kernel.devices().cpuCount() - 1);
    }

    private SimulatedCpu cpu(String[] parts, String attribute) throws NoSuchFileException {
        if (!CPU_NAME.matcher(parts[0]).matches()) {
            throw missing(attribute);
        }
        int number = Integer.parseInt(parts[0].substring(3));
        if (number >= kernel.devices().cpuCount()) {
            throw missing(attribute);
        }
        return kernel.devices().cpu(number);
    }

    private SimulatedIdleState idleState(SimulatedCpu cpu, String state, String attribute)
            throws NoSuchFileException {
        if (STATE_NAME.matcher(state).matches()) {
            int index = Integer.parseInt(state.substring(5));
            if (index < cpu.idleStates().size()) {
                return cpu.idleStates().get(index);
            }
        }
        throw missing(attribute);
    }

    @Override
    public String read(String attribute) throws SysfsException {
        try {
            return readAttribute(attribute);
        } catch (IOException e) {
            throw failure(attribute, e);
        }
    }

    @Override
    public void write(String attribute, String value) throws SysfsException {
        try {
            writeAttribute(attribute, value);
        } catch (IOException e) {
            throw failure(attribute, e);
        }
    }

    @Override
    public List<String> list(String directory) throws SysfsException {
        try {
            return listDirectory(directory);
        } catch (IOException e) {
            throw failure(directory, e);
        }
    }

    /** The errno the simulated file system and attributes failed with. */
    private SysfsException failure(String attribute, IOException e) {
        if (e instanceof SimulatedErrnoException errno) {
            return new SysfsException(pathOf(attribute), Errno.valueOf(errno.errno()), "simulated");
        }
        if (e instanceof AccessDeniedException denied) {
            return new SysfsException(pathOf(attribute), Errno.EACCES, String.valueOf(denied.getReason()));
        }
        if (e instanceof NoSuchFileException) {
            return new SysfsException(pathOf(attribute), Errno.ENOENT, "simulated: no such attribute");
        }
        return new SysfsException(pathOf(attribute), Errno.EIO, String.valueOf(e.getMessage()));
    }

    private NoSuchFileException missing(String attribute) {
        return new NoSuchFileException(pathOf(attribute), null, "simulated: no such attribute");
    }

    @Override
    public String toString() {
        return "SimulatedCpuSysfs[" + kernel + "]";
    }
}
