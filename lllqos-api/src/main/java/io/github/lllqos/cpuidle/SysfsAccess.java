package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatencyException;

import io.github.lllqos.spi.CpuSysfs;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes CPU attributes, turning failures into messages that name the file, the error and the fix. */
final class SysfsAccess {

    private static final Map<String, String> ERRNO_BY_MESSAGE = Map.of(
            "invalid argument", "EINVAL",
            "operation not permitted", "EPERM",
            "permission denied", "EACCES",
            "device or resource busy", "EBUSY",
            "no such device", "ENODEV",
            "read-only file system", "EROFS");

    /** A simulated kernel's message ends in the errno name: {@code "write(...) failed: EINVAL"}. */
    private static final Pattern TRAILING_ERRNO = Pattern.compile("\\b(E[A-Z0-9]{2,})$");

    private final CpuSysfs sysfs;

    SysfsAccess(CpuSysfs sysfs) {
        this.sysfs = sysfs;
    }

    String pathOf(String attribute) {
        return sysfs.pathOf(attribute);
    }

    String read(String attribute) {
        try {
            return sysfs.read(attribute).strip();
        } catch (IOException e) {
            throw failure("read(" + sysfs.pathOf(attribute) + ")", "read", e);
        }
    }

    void write(String attribute, String value) {
        try {
            sysfs.write(attribute, value);
        } catch (IOException e) {
            throw failure("write(" + sysfs.pathOf(attribute) + ", \"" + value + "\")", "write", e);
        }
    }

    List<String> list(String directory) throws NoSuchFileException {
        try {
            return sysfs.list(directory);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw failure("list(" + sysfs.pathOf(directory) + ")", "read", e);
        }
    }

    private static LowLatencyException failure(String call, String access, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new LowLatencyException(call + " failed: ENOENT: the file does not exist (this kernel or CPU"
                    + " lacks it)", "ENOENT");
        }
        if (e instanceof AccessDeniedException) {
            String reason = ((AccessDeniedException) e).getReason();
            return new LowLatencyException(call + " failed: EACCES: this user (" + System.getProperty("user.name")
                    + ") lacks " + access + " permission" + (reason == null ? "" : " (" + reason + ")")
                    + "; these files are writable by root only: run as root or with sudo", "EACCES");
        }
        String message = String.valueOf(e.getMessage());
        String errno = ERRNO_BY_MESSAGE.get(message.toLowerCase(Locale.ROOT).strip());
        if (errno != null) {
            return new LowLatencyException(call + " failed: " + errno + " (" + message + ")", errno);
        }
        Matcher trailing = TRAILING_ERRNO.matcher(message);
        return new LowLatencyException(call + " failed: " + message, trailing.find() ? trailing.group(1) : null);
    }
}
