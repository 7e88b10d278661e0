package io.github.lllqos.linux;

import io.github.lllqos.Errno;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.SysfsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU attribute files of a sysfs directory: {@code /sys/devices/system/cpu} on Linux, or a copy of its tree
 * elsewhere (a {@code /sys} mounted elsewhere, or a test's directory).
 */
public final class CpuSysfsFiles implements CpuSysfs {

    /** glibc's strerror texts of the errors a kernel attribute file returns. */
    private static final Map<String, Errno> ERRNO_BY_STRERROR = Map.of(
            "invalid argument", Errno.EINVAL,
            "operation not permitted", Errno.EPERM,
            "permission denied", Errno.EACCES,
            "device or resource busy", Errno.EBUSY,
            "no such device", Errno.ENODEV,
            "read-only file system", Errno.EROFS,
            "numerical result out of range", Errno.ERANGE,
            "input/output error", Errno.EIO);

    /** Where the kernel shows the CPU attributes. */
    public static final Path KERNEL_DIRECTORY = Path.of("/sys/devices/system/cpu");

    private final Path directory;

    /**
     * Uses the attribute files under a directory.
     *
     * @param directory such as {@link #KERNEL_DIRECTORY}
     */
    public CpuSysfsFiles(Path directory) {
        this.directory = directory;
    }

    @Override
    public String pathOf(String attribute) {
        return resolve(attribute).toString();
    }

    /** Reads with one large read, as kernel attribute files expect (some answer later offsets with EOF). */
    @Override
    public String read(String attribute) throws SysfsException {
        Path file = resolve(attribute);
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** One {@code write()} of the value, without creating the file: a missing attribute stays missing. */
    @Override
    public void write(String attribute, String value) throws SysfsException {
        Path file = resolve(attribute);
        try {
            Files.write(file, value.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    @Override
    public List<String> list(String directoryName) throws SysfsException {
        Path listed = resolve(directoryName);
        try (Stream<Path> entries = Files.list(listed)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw failure(listed, e);
        }
    }

    private Path resolve(String attribute) {
        return attribute.isEmpty() ? directory : directory.resolve(attribute);
    }

    /**
     * The errno of a failed access. The JDK reports the kernel's error only as strerror text (a rejected write is
     * an {@code IOException("Invalid argument")}), so this is the one place that turns that text back into the
     * errno; missing files and permissions have types of their own.
     */
    private static SysfsException failure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new SysfsException(file.toString(), Errno.ENOENT, "");
        }
        if (e instanceof AccessDeniedException) {
            return new SysfsException(file.toString(), Errno.EACCES, ownership(file));
        }
        String reason = e instanceof FileSystemException fileSystem ? fileSystem.getReason() : e.getMessage();
        Errno errno = ERRNO_BY_STRERROR.get(String.valueOf(reason).strip().toLowerCase(Locale.ROOT));
        return errno == null ? new SysfsException(file.toString(), Errno.EIO, String.valueOf(reason))
                : new SysfsException(file.toString(), errno, "");
    }

    /** Names the owner and mode of the file, so the message tells which permission is missing. */
    private static String ownership(Path file) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            return "the file is owned by " + attributes.owner().getName() + ":" + attributes.group().getName()
                    + " with mode " + PosixFilePermissions.toString(attributes.permissions());
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "CpuSysfsFiles[" + directory + "]";
    }
}
