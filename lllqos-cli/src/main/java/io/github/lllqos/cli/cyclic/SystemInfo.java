package io.github.lllqos.cli.cyclic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's {@code uname} fields, as cyclictest's JSON reports them, read from {@code /proc/sys/kernel}.
 *
 * @param sysname the kernel name ({@code Linux})
 * @param nodename the host name
 * @param release the kernel release
 * @param version the kernel build
 * @param machine the hardware name ({@code x86_64})
 * @param realtime whether the kernel is PREEMPT_RT ({@code /sys/kernel/realtime} is 1)
 */
public record SystemInfo(String sysname, String nodename, String release, String version, String machine,
        boolean realtime) {

    /** This machine's fields; what cannot be read is {@code unknown}. */
    public static SystemInfo current() {
        return new SystemInfo(read("/proc/sys/kernel/ostype", System.getProperty("os.name")),
                read("/proc/sys/kernel/hostname", "unknown"), read("/proc/sys/kernel/osrelease",
                System.getProperty("os.version")), read("/proc/sys/kernel/version", "unknown"),
                read("/proc/sys/kernel/arch", System.getProperty("os.arch")),
                "1".equals(read("/sys/kernel/realtime", "0")));
    }

    private static String read(String file, String otherwise) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return otherwise;
        }
    }
}
