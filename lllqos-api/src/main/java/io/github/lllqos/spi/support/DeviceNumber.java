package io.github.lllqos.spi.support;

/**
 * A device number, {@code major:minor}, as {@code /sys/class/misc/NAME/dev} holds it and {@code fstat} reports it
 * ({@code st_rdev}) for a device node. A provider accepts a device node only when its number is the one the kernel
 * registered for {@code cpu_dma_latency}: "a character device" is not enough, since {@code /dev/zero},
 * {@code /dev/null} and {@code /dev/mem} are character devices too.
 *
 * @param major the major number, 10 for misc devices
 * @param minor the minor number; dynamic for {@code cpu_dma_latency} on some kernels
 */
public record DeviceNumber(int major, int minor) {

    /** Where the kernel publishes the number of the CPU latency device. */
    public static final String CPU_DMA_LATENCY_SYSFS = "/sys/class/misc/cpu_dma_latency/dev";

    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException if one is negative
     */
    public DeviceNumber {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("device numbers are 0 or more, was " + major + ":" + minor);
        }
    }

    /**
     * Parses the form of a sysfs {@code dev} file.
     *
     * @param text such as {@code "10:259\n"}
     * @return the number
     * @throws IllegalArgumentException naming the text when it is not {@code MAJOR:MINOR}
     */
    public static DeviceNumber parse(String text) {
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        try {
            if (colon > 0) {
                return new DeviceNumber(Integer.parseInt(trimmed.substring(0, colon)),
                        Integer.parseInt(trimmed.substring(colon + 1)));
            }
        } catch (IllegalArgumentException notNumbers) {
            // not numbers, or negative ones: reported below
        }
        throw new IllegalArgumentException("a device number is MAJOR:MINOR, such as 10:259, was '" + text.strip()
                + "'");
    }

    /**
     * The sysfs form.
     *
     * @return such as {@code "10:259"}
     */
    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
