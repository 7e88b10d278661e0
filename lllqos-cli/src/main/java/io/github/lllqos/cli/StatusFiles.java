package io.github.lllqos.cli;

import io.github.lllqos.Errno;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.SysfsException;
import io.github.lllqos.spi.SystemFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kernel's files as a provider offers them ({@link LowLatencyProvider#systemFiles()} and
 * {@link LowLatencyProvider#cpuSysfs()}): real ones from the Linux provider, simulated ones from the simulated
 * kernel. Each read gives the content or, when the file cannot be read, an unknown value that says why.
 */
final class StatusFiles {

    private final String provider;
    private final Optional<SystemFiles> systemFiles;
    private final Optional<CpuSysfs> cpuSysfs;

    StatusFiles(String provider, Optional<SystemFiles> systemFiles, Optional<CpuSysfs> cpuSysfs) {
        this.provider = provider;
        this.systemFiles = systemFiles;
        this.cpuSysfs = cpuSysfs;
    }

    /** The files of a provider; none where it offers none, or where asking fails. */
    static StatusFiles of(LowLatencyProvider provider) {
        return new StatusFiles(provider.name(), offered(provider::systemFiles), offered(provider::cpuSysfs));
    }

    private static <T> Optional<T> offered(Supplier<Optional<T>> files) {
        try {
            return files.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a file outside {@code /sys/devices/system/cpu}.
     *
     * @param path such as {@code "/proc/sys/kernel/version"}
     * @return the content without surrounding white space, or unknown with the reason
     */
    Report.Value<String> read(String path) {
        if (systemFiles.isEmpty()) {
            return Report.Value.unknown("the provider '" + provider + "' offers no " + path);
        }
        try {
            String text = systemFiles.get().read(path).strip();
            return Report.Value.known(text, text);
        } catch (IOException e) {
            return Report.Value.unknown(why(path, e));
        }
    }

    /**
     * Reads an attribute of {@code /sys/devices/system/cpu}.
     *
     * @param attribute such as {@code "isolated"}
     * @return the content without surrounding white space, or unknown with the reason
     */
    Report.Value<String> cpuAttribute(String attribute) {
        if (cpuSysfs.isEmpty()) {
            return Report.Value.unknown("the provider '" + provider + "' offers no CPU attribute " + attribute);
        }
        CpuSysfs sysfs = cpuSysfs.get();
        try {
            String text = sysfs.read(attribute).strip();
            return Report.Value.known(text, text);
        } catch (SysfsException e) {
            return Report.Value.unknown(e.errno() == Errno.ENOENT ? sysfs.pathOf(attribute) + " does not exist"
                    : e.errno() == Errno.EACCES ? notReadable(sysfs.pathOf(attribute)) : e.getMessage());
        }
    }

    /**
     * Lists a directory, such as {@code /proc}.
     *
     * @throws IOException as {@link SystemFiles#list(String)} does; {@link NoSuchFileException} where the provider
     *     offers no files
     */
    List<String> list(String path) throws IOException {
        return filesFor(path).list(path);
    }

    /**
     * Reads a symbolic link, such as {@code /proc/PID/fd/N}.
     *
     * @throws IOException as {@link SystemFiles#readLink(String)} does
     */
    String readLink(String path) throws IOException {
        return filesFor(path).readLink(path);
    }

    private SystemFiles filesFor(String path) throws NoSuchFileException {
        return systemFiles.orElseThrow(() -> new NoSuchFileException(path, null, "the provider '" + provider
                + "' offers no files"));
    }

    private static String why(String path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return path + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return notReadable(path);
        }
        return "reading " + path + " failed: " + e.getMessage();
    }

    private static String notReadable(String path) {
        return path + " is not readable by user " + System.getProperty("user.name") + " (run as root)";
    }
}
