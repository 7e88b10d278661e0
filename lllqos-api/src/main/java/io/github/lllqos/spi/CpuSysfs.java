package io.github.lllqos.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's CPU attribute files under {@code /sys/devices/system/cpu}, or a model of them: per-CPU resume
 * latency ({@code cpuN/power/pm_qos_resume_latency_us}), cpuidle driver, governor and idle states
 * ({@code cpuidle/current_driver}, {@code cpuN/cpuidle/stateK/{name,latency,disable,usage}}) and the CPU lists
 * ({@code present}, {@code online}).
 *
 * <p>Attributes are named by their path relative to that directory, with {@code /} separators, such as
 * {@code "cpu0/power/pm_qos_resume_latency_us"}. Values are passed as the kernel prints and parses them; the API
 * does all parsing and validation, so a provider only moves strings, and a simulated kernel accepts and rejects
 * exactly what the real one does.
 *
 * <p>Failures are a {@link SysfsException} with the errno as a value: {@code ENOENT} for a missing attribute,
 * {@code EACCES} for a missing permission (its detail names the owner and mode where known), and the kernel's
 * error, such as {@code EINVAL}, for a value it rejects.
 */
public interface CpuSysfs {

    /**
     * The full name of an attribute, for messages.
     *
     * @param attribute the relative path, such as {@code "cpu0/power/pm_qos_resume_latency_us"}
     * @return such as {@code "/sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us"}
     */
    String pathOf(String attribute);

    /**
     * Reads an attribute.
     *
     * @param attribute the relative path
     * @return the content without its trailing newline
     * @throws SysfsException when the attribute is missing, not readable, or the read fails
     */
    String read(String attribute) throws SysfsException;

    /**
     * Writes an attribute, as {@code echo -n VALUE > FILE} would.
     *
     * @param attribute the relative path
     * @param value the text to write, without a newline
     * @throws SysfsException when the attribute is missing, not writable, or the kernel rejects the value
     */
    void write(String attribute, String value) throws SysfsException;

    /**
     * Lists a directory.
     *
     * @param directory the relative path of a directory, {@code ""} for the top
     * @return the names of its entries, sorted
     * @throws SysfsException when the directory is missing or not readable
     */
    List<String> list(String directory) throws SysfsException;

    /**
     * Where the changes of these files are journalled, so that a process's changes can be put back after it died.
     * The kernel's files, shared by every process and outliving them, use the shared journal; a model of them that
     * lives inside one process, such as a simulated kernel, has its own.
     *
     * @return the journal's directory, or empty for the shared one (the default)
     */
    default Optional<Path> journalDirectory() {
        return Optional.empty();
    }
}
