package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.internal.CpuNumbers;
import io.github.lllqos.spi.support.CpuList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;

/**
 * Which CPUs the cpuidle and resume latency files are there for: those present, including offline ones, unlike
 * {@link io.github.lllqos.topology.CpuTopology}, which describes the online CPUs.
 */
final class PresentCpus {

    private final SysfsAccess sysfs;

    PresentCpus(SysfsAccess sysfs) {
        this.sysfs = sysfs;
    }

    /**
     * The CPUs present, from {@code present}, else from the {@code cpuN} directories.
     *
     * @throws LowLatencyException for {@code present} when neither can be read, or when it holds no CPU list
     */
    List<Integer> list() {
        String text;
        try {
            text = sysfs.read(SysfsLayout.PRESENT);
        } catch (LowLatencyException presentUnreadable) {
            return fromDirectories(presentUnreadable);
        }
        try {
            return CpuList.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LowLatencyException(sysfs.pathOf(SysfsLayout.PRESENT) + " holds '" + text + "', which is not"
                    + " a CPU list such as 0-3,6");
        }
    }

    /** The CPUs of the {@code cpuN} directories; where they cannot be listed either, the failure to read present. */
    private List<Integer> fromDirectories(LowLatencyException presentUnreadable) {
        try {
            List<Integer> cpus = new ArrayList<>();
            for (String entry : sysfs.list(SysfsLayout.TOP).orElseThrow(() -> presentUnreadable)) {
                SysfsLayout.cpuOf(entry).ifPresent(cpus::add);
            }
            cpus.sort(null);
            return cpus;
        } catch (LowLatencyException e) {
            throw presentUnreadable;
        }
    }

    /**
     * Checks CPU numbers given by a caller, before anything changes.
     *
     * @return them, ascending
     * @throws IllegalArgumentException when none is given, or one is negative or not present, naming it and the CPUs
     *     present
     */
    SortedSet<Integer> require(Collection<Integer> cpus) {
        SortedSet<Integer> checked = CpuNumbers.checked(cpus);
        List<Integer> present = list();
        CpuNumbers.requireAmong(checked, present, "does not exist: the CPUs here are " + CpuList.format(present)
                + " (" + sysfs.pathOf(SysfsLayout.PRESENT) + ")");
        return checked;
    }
}
