package io.github.lllqos.linux;

import io.github.lllqos.spi.CpuSysfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU attribute files of a sysfs directory: {@code /sys/devices/system/cpu} on Linux, or a copy of its tree
 * elsewhere (a {@code /sys} mounted elsewhere, or a test's directory).
 */
public final class CpuSysfsFiles implements CpuSysfs {

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
    public String read(String attribute) throws IOException {
        Path file = resolve(attribute);
        try {
            String text;
            try (InputStream in = Files.newInputStream(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (AccessDeniedException e) {
            throw withOwnership(file, e);
        }
    }

    /** One {@code write()} of the value, without creating the file: a missing attribute stays missing. */
    @Override
    public void write(String attribute, String value) throws IOException {
        Path file = resolve(attribute);
        try {
            Files.write(file, value.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (AccessDeniedException e) {
            throw withOwnership(file, e);
        }
    }

    @Override
    public List<String> list(String directoryName) throws IOException {
        Path listed = resolve(directoryName);
        try (Stream<Path> entries = Files.list(listed)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (AccessDeniedException e) {
            throw withOwnership(listed, e);
        }
    }

    private Path resolve(String attribute) {
        return attribute.isEmpty() ? directory : directory.resolve(attribute);
    }

    /** Names the owner and mode of the file, so the message tells which permission is missing. */
    private static AccessDeniedException withOwnership(Path file, AccessDeniedException denied) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            AccessDeniedException described = new AccessDeniedException(file.toString(), null, "the file is owned by "
                    + attributes.owner().getName() + ":" + attributes.group().getName() + " with mode "
                    + PosixFilePermissions.toString(attributes.permissions()));
            described.initCause(denied);
            return described;
        } catch (IOException | UnsupportedOperationException e) {
            return denied;
        }
    }

    @Override
    public String toString() {
        return "CpuSysfsFiles[" + directory + "]";
    }
}
