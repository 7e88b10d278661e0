package io.github.lllqos.cpuidle;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the kernel keeps what this package reads and writes: the names of the CPU attribute files, relative to
 * {@code /sys/devices/system/cpu} as {@link io.github.lllqos.spi.CpuSysfs} takes them. The one place that names
 * them.
 */
final class SysfsLayout {

    /** The top directory, whose entries include the {@code cpuN} directories. */
    static final String TOP = "";
    /** The CPUs present, as a CPU list. */
    static final String PRESENT = "present";
    /** The cpuidle driver of the system, where the CPUs have no driver of their own. */
    static final String SYSTEM_DRIVER = "cpuidle/current_driver";
    /** The cpuidle governor; {@link #GOVERNOR_READ_ONLY} on kernels that do not let it be changed. */
    static final String GOVERNOR = "cpuidle/current_governor";
    static final String GOVERNOR_READ_ONLY = "cpuidle/current_governor_ro";

    private static final Pattern CPU_DIRECTORY = Pattern.compile("cpu([0-9]{1,9})");
    private static final Pattern STATE_DIRECTORY = Pattern.compile("state([0-9]{1,9})");

    private SysfsLayout() {
    }

    /** The CPU whose directory a top-level entry is: 3 for {@code cpu3}; empty for any other entry. */
    static OptionalInt cpuOf(String entry) {
        return numberOf(CPU_DIRECTORY.matcher(entry));
    }

    /** A CPU's own cpuidle driver, where several drivers run. */
    static String driver(int cpu) {
        return "cpu" + cpu + "/cpuidle/driver/name";
    }

    /** A CPU's cpuidle directory, whose {@code stateK} entries are its idle states; missing without a driver. */
    static String idleStates(int cpu) {
        return "cpu" + cpu + "/cpuidle";
    }

    /** The idle state whose directory an entry of {@link #idleStates(int)} is: K for {@code stateK}. */
    static OptionalInt stateOf(String entry) {
        return numberOf(STATE_DIRECTORY.matcher(entry));
    }

    /** A file of an idle state: {@code name}, {@code latency}, {@code disable} or {@code usage}. */
    static String stateFile(int cpu, int index, String file) {
        return idleStates(cpu) + "/state" + index + "/" + file;
    }

    /** The file that disables an idle state ({@code 1}) or enables it ({@code 0}). */
    static String disable(IdleState state) {
        return stateFile(state.cpu(), state.index(), "disable");
    }

    /** A CPU's resume latency limit, in the kernel's form ({@link ResumeLatency#kernelForm()}). */
    static String resumeLatency(int cpu) {
        return "cpu" + cpu + "/power/pm_qos_resume_latency_us";
    }

    /**
     * Whether an attribute is a CPU's resume latency limit, named exactly as {@link #resumeLatency(int)} names it:
     * {@code cpu1/power/pm_qos_resume_latency_us}, not {@code cpu01/...} or a path through {@code ..}.
     */
    static boolean isResumeLatency(String attribute) {
        String[] parts = attribute.split("/", -1);
        OptionalInt cpu = cpuOf(parts[0]);
        return cpu.isPresent() && resumeLatency(cpu.getAsInt()).equals(attribute);
    }

    /**
     * Whether an attribute is an idle state's {@code disable} file, named exactly as {@link #disable(IdleState)}
     * names it: {@code cpu1/cpuidle/state3/disable}, not {@code cpu1/cpuidle/state03/...} or a path through
     * {@code ..}.
     */
    static boolean isDisable(String attribute) {
        String[] parts = attribute.split("/", -1);
        OptionalInt cpu = cpuOf(parts[0]);
        OptionalInt state = parts.length == 4 ? stateOf(parts[2]) : OptionalInt.empty();
        return cpu.isPresent() && state.isPresent()
                && stateFile(cpu.getAsInt(), state.getAsInt(), "disable").equals(attribute);
    }

    private static OptionalInt numberOf(Matcher entry) {
        return entry.matches() ? OptionalInt.of(Integer.parseInt(entry.group(1))) : OptionalInt.empty();
    }
}
