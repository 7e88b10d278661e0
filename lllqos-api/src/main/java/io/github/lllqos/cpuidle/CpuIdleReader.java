package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatencyException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the cpuidle and resume latency files into values: a CPU's idle states, the driver, the governor and a CPU's
 * resume latency. A file that cannot be read, or holds what the kernel would not write, is a
 * {@link LowLatencyException} that names it.
 */
final class CpuIdleReader {

    private final SysfsAccess sysfs;

    CpuIdleReader(SysfsAccess sysfs) {
        this.sysfs = sysfs;
    }

    /** A CPU's idle states, shallowest first; none where it has no cpuidle directory. */
    List<IdleState> idleStates(int cpu) {
        List<IdleState> states = new ArrayList<>();
        for (String entry : sysfs.list(SysfsLayout.idleStates(cpu)).orElse(List.of())) {
            SysfsLayout.stateOf(entry).ifPresent(index -> states.add(idleState(cpu, index)));
        }
        states.sort(Comparator.comparingInt(IdleState::index));
        return List.copyOf(states);
    }

    private IdleState idleState(int cpu, int index) {
        return new IdleState(cpu, index, sysfs.read(SysfsLayout.stateFile(cpu, index, "name")),
                readInt(SysfsLayout.stateFile(cpu, index, "latency")),
                readInt(SysfsLayout.stateFile(cpu, index, "disable")) != 0,
                readLong(SysfsLayout.stateFile(cpu, index, "usage")));
    }

    /** A CPU's own driver where it has one, else the system's. */
    String driver(int cpu) {
        try {
            return sysfs.read(SysfsLayout.driver(cpu));
        } catch (LowLatencyException e) {
            return sysfs.read(SysfsLayout.SYSTEM_DRIVER);
        }
    }

    /** The cpuidle governor, from the writable file or, where that is missing, the read-only one. */
    String governor() {
        try {
            return sysfs.read(SysfsLayout.GOVERNOR);
        } catch (LowLatencyException e) {
            return sysfs.read(SysfsLayout.GOVERNOR_READ_ONLY);
        }
    }

    /** A CPU's resume latency limit, parsed from the kernel's form. */
    ResumeLatency resumeLatency(int cpu) {
        String attribute = SysfsLayout.resumeLatency(cpu);
        String text = sysfs.read(attribute);
        try {
            return ResumeLatency.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LowLatencyException(sysfs.pathOf(attribute) + " holds '" + text + "', which is not a resume"
                    + " latency: " + e.getMessage());
        }
    }

    private int readInt(String attribute) {
        long value = readLong(attribute);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new LowLatencyException(sysfs.pathOf(attribute) + " holds " + value + ", out of int range");
        }
        return (int) value;
    }

    private long readLong(String attribute) {
        String text = sysfs.read(attribute);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new LowLatencyException(sysfs.pathOf(attribute) + " holds '" + text + "', not a number");
        }
    }
}
