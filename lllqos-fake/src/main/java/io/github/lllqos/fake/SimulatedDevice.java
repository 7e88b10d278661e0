package io.github.lllqos.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A device of the simulated kernel with its PM QoS state (the kernel's {@code dev->power.qos}) and the
 * attributes of its sysfs {@code power/} directory, with their string forms:
 *
 * <ul>
 *   <li>{@value #RESUME_LATENCY_US}: a number of µs (base 0: {@code 10}, {@code 0x10}, {@code 010}), {@code 0} for no
 *   constraint, {@code n/a} for the strictest (reads back {@code n/a}); negative values and 2147483647 are
 *   {@code EINVAL}. Every CPU has it.</li>
 *   <li>{@value #LATENCY_TOLERANCE_US}: a number of µs, {@code any} (no requirement, hardware not autonomous)
 *   or {@code auto} (no requirement, hardware autonomous); reads back the same forms.</li>
 *   <li>{@value #NO_POWER_OFF}: {@code 0} or {@code 1}, {@link PmQos#PM_QOS_FLAG_NO_POWER_OFF} of the user-space
 *   flags request.</li>
 * </ul>
 *
 * <p>An attribute exists only once exposed through {@link DevPmQos}. Like the real ones, these values are shared
 * settings: they stay until someone changes them.
 */
public final class SimulatedDevice {

    /** The resume latency attribute, {@code power/pm_qos_resume_latency_us}. */
    public static final String RESUME_LATENCY_US = "pm_qos_resume_latency_us";
    /** The latency tolerance attribute, {@code power/pm_qos_latency_tolerance_us}. */
    public static final String LATENCY_TOLERANCE_US = "pm_qos_latency_tolerance_us";
    /** The no-power-off flag attribute, {@code power/pm_qos_no_power_off}. */
    public static final String NO_POWER_OFF = "pm_qos_no_power_off";

    private final String name;
    private final SimulatedDevice parent;
    private final DevPmQos devPmQos;
    private volatile boolean ignoreChildren;
    private volatile IntConsumer setLatencyTolerance;

    final PmQosConstraints resumeLatency = new PmQosConstraints(PmQos.PM_QOS_RESUME_LATENCY_DEFAULT_VALUE,
            PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
    final PmQosConstraints latencyTolerance = new PmQosConstraints(PmQos.PM_QOS_LATENCY_TOLERANCE_DEFAULT_VALUE,
            PmQos.PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT);
    final PmQosFlags flags = new PmQosFlags();
    // The user-space requests behind the attributes; changed under the lock of devPmQos.
    volatile DevPmQosRequest resumeLatencyReq;
    volatile DevPmQosRequest latencyToleranceReq;
    volatile DevPmQosRequest flagsReq;
    volatile boolean latencyToleranceExposed;

    SimulatedDevice(String name, SimulatedDevice parent, DevPmQos devPmQos) {
        this.name = name;
        this.parent = parent;
        this.devPmQos = devPmQos;
        latencyTolerance.addNotifier(value -> {
            IntConsumer callback = setLatencyTolerance;
            if (callback != null) {
                callback.accept(value);
            }
        });
    }

    /**
     * The device name.
     *
     * @return such as {@code cpu0}
     */
    public String name() {
        return name;
    }

    /**
     * The parent device.
     *
     * @return the parent, or empty for a root device
     */
    public Optional<SimulatedDevice> parent() {
        return Optional.ofNullable(parent);
    }

    /**
     * {@code dev->power.ignore_children}, which makes this device take its descendants' ancestor resume latency
     * requests.
     *
     * @return whether set
     */
    public boolean ignoreChildren() {
        return ignoreChildren;
    }

    /**
     * {@code pm_suspend_ignore_children()}.
     *
     * @param enable the new value of {@code power.ignore_children}
     */
    public void ignoreChildren(boolean enable) {
        this.ignoreChildren = enable;
    }

    /**
     * Whether the device has a {@code power.set_latency_tolerance} callback, which latency tolerance requests need.
     *
     * @return whether one is set
     */
    public boolean hasLatencyToleranceCallback() {
        return setLatencyTolerance != null;
    }

    /**
     * Sets {@code dev->power.set_latency_tolerance}: called with the new effective latency tolerance when it
     * changes, -1 when no request is left (switch the hardware to autonomous mode).
     *
     * @param callback the callback, or null to remove it
     */
    public void setLatencyToleranceCallback(IntConsumer callback) {
        this.setLatencyTolerance = callback;
    }

    /**
     * Reads an attribute of the device's {@code power/} directory.
     *
     * @param attribute {@value #RESUME_LATENCY_US}, {@value #LATENCY_TOLERANCE_US} or {@value #NO_POWER_OFF}
     * @return the contents, ending in a newline, such as {@code "n/a\n"}
     * @throws NoSuchFileException if the attribute is not exposed
     */
    public String readAttribute(String attribute) throws NoSuchFileException {
        switch (attribute) {
            case RESUME_LATENCY_US: {
                DevPmQosRequest request = exposed(resumeLatencyReq, attribute);
                int value = request.value;
                if (value == 0) {
                    return "n/a\n";
                }
                return (value == PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT ? 0 : value) + "\n";
            }
            case LATENCY_TOLERANCE_US: {
                if (!latencyToleranceExposed) {
                    throw missing(attribute);
                }
                DevPmQosRequest request = latencyToleranceReq;
                int value = request == null ? PmQos.PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT : request.value;
                if (value < 0) {
                    return "auto\n";
                }
                return value == PmQos.PM_QOS_LATENCY_ANY ? "any\n" : value + "\n";
            }
            case NO_POWER_OFF: {
                DevPmQosRequest request = exposed(flagsReq, attribute);
                return ((request.value & PmQos.PM_QOS_FLAG_NO_POWER_OFF) != 0 ? 1 : 0) + "\n";
            }
            default:
                throw missing(attribute);
        }
    }

    /**
     * Writes an attribute of the device's {@code power/} directory, as {@code echo VALUE > ATTRIBUTE} does.
     *
     * @param attribute {@value #RESUME_LATENCY_US}, {@value #LATENCY_TOLERANCE_US} or {@value #NO_POWER_OFF}
     * @param value what is written, such as {@code "10"}, {@code "n/a\n"} or {@code "auto"}
     * @throws NoSuchFileException if the attribute is not exposed
     * @throws SimulatedErrnoException {@code EINVAL} or {@code ERANGE} for a value the kernel rejects; nothing
     *     changes then
     */
    public void writeAttribute(String attribute, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String call = "write(" + name + "/power/" + attribute + ", \"" + value.replace("\n", "\\n") + "\")";
        try {
            switch (attribute) {
                case RESUME_LATENCY_US:
                    exposed(resumeLatencyReq, attribute);
                    storeResumeLatency(bytes, value);
                    break;
                case LATENCY_TOLERANCE_US:
                    if (!latencyToleranceExposed) {
                        throw missing(attribute);
                    }
                    storeLatencyTolerance(bytes, value);
                    break;
                case NO_POWER_OFF:
                    exposed(flagsReq, attribute);
                    storeNoPowerOff(bytes);
                    break;
                default:
                    throw missing(attribute);
            }
        } catch (Kstrtox.Failure failure) {
            throw new SimulatedErrnoException(call, failure.errno);
        } catch (IllegalArgumentException rejected) {
            throw new SimulatedErrnoException(call, "EINVAL");
        }
    }

    private void storeResumeLatency(byte[] bytes, String text) throws Kstrtox.Failure {
        int value;
        try {
            value = Kstrtox.kstrtos32(bytes, bytes.length, 0);
        } catch (Kstrtox.Failure notANumber) {
            if (!sysfsStreq(text, "n/a")) {
                throw new Kstrtox.Failure("EINVAL");
            }
            value = 0;
            devPmQos.updateRequest(exposedQuietly(resumeLatencyReq), value);
            return;
        }
        // Negative and "no constraint" values cannot be written directly; 0 means no constraint.
        if (value < 0 || value == PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT) {
            throw new Kstrtox.Failure("EINVAL");
        }
        devPmQos.updateRequest(exposedQuietly(resumeLatencyReq),
                value == 0 ? PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT : value);
    }

    private void storeLatencyTolerance(byte[] bytes, String text) throws Kstrtox.Failure {
        int value;
        try {
            value = Kstrtox.kstrtos32(bytes, bytes.length, 0);
            if (value < 0) {
                throw new Kstrtox.Failure("EINVAL");
            }
        } catch (Kstrtox.Failure notANumber) {
            if (sysfsStreq(text, "auto")) {
                value = PmQos.PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT;
            } else if (sysfsStreq(text, "any")) {
                value = PmQos.PM_QOS_LATENCY_ANY;
            } else {
                throw new Kstrtox.Failure("EINVAL");
            }
        }
        devPmQos.updateUserLatencyTolerance(this, value);
    }

    private void storeNoPowerOff(byte[] bytes) throws Kstrtox.Failure {
        int value;
        try {
            value = Kstrtox.kstrtos32(bytes, bytes.length, 0);
        } catch (Kstrtox.Failure notANumber) {
            throw new Kstrtox.Failure("EINVAL");
        }
        if (value != 0 && value != 1) {
            throw new Kstrtox.Failure("EINVAL");
        }
        devPmQos.updateFlags(this, PmQos.PM_QOS_FLAG_NO_POWER_OFF, value == 1);
    }

    /** {@code sysfs_streq}: equal, ignoring one trailing newline on either side. */
    private static boolean sysfsStreq(String written, String expected) {
        String stripped = written.endsWith("\n") ? written.substring(0, written.length() - 1) : written;
        int nul = stripped.indexOf('\0');
        return (nul < 0 ? stripped : stripped.substring(0, nul)).equals(expected);
    }

    private DevPmQosRequest exposed(DevPmQosRequest request, String attribute) throws NoSuchFileException {
        if (request == null) {
            throw missing(attribute);
        }
        return request;
    }

    private static DevPmQosRequest exposedQuietly(DevPmQosRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("the attribute was hidden meanwhile");
        }
        return request;
    }

    private NoSuchFileException missing(String attribute) {
        return new NoSuchFileException(name + "/power/" + attribute, null, "simulated: attribute not exposed");
    }

    @Override
    public String toString() {
        return "SimulatedDevice[" + name + ", resume latency " + resumeLatency.target() + " µs]";
    }
}
