package io.github.lllqos.cpuidle;

import java.util.Optional;

/**
 * What a journal of sysfs changes may hold: only the files lllqos changes ({@link SysfsLayout#isResumeLatency},
 * {@link SysfsLayout#isDisable}), and only values as the kernel writes them for those files. {@code lllqos restore}
 * runs as root and writes what the journal says, so a journal holding anything else is refused, not followed: it
 * would otherwise let whoever wrote it have root write any text to any file.
 */
final class JournalRules {

    /** The files a journal may name, for messages. */
    static final String FILES = "cpuN/power/pm_qos_resume_latency_us and cpuN/cpuidle/stateK/disable";

    private JournalRules() {
    }

    /**
     * Why a value of a file may not be journalled.
     *
     * @param attribute the file, relative to the CPU attribute directory
     * @param value its value before lllqos changed it, or a value a holder set
     * @return the rule it breaks, naming the file and the value; empty when it may be journalled
     */
    static Optional<String> violation(String attribute, String value) {
        if (SysfsLayout.isResumeLatency(attribute)) {
            String kernelForm;
            try {
                kernelForm = ResumeLatency.parse(value).kernelForm();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage() + ", for " + attribute);
            }
            return kernelForm.equals(value) ? Optional.empty() : Optional.of("'" + value + "' is not how the kernel"
                    + " writes a resume latency: it writes '" + kernelForm + "', for " + attribute);
        }
        if (SysfsLayout.isDisable(attribute)) {
            return value.equals("0") || value.equals("1") ? Optional.empty()
                    : Optional.of("an idle state's disable flag must be 0 or 1, was '" + value + "', for " + attribute);
        }
        return Optional.of("'" + attribute + "' is not a file lllqos changes: only " + FILES + " are");
    }
}
