package io.github.lllqos.cpuidle;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.SysfsException;
import java.util.List;
import java.util.Optional;

/** Reads and writes CPU attributes, turning failures into messages that name the file, the error and the fix. */
final class SysfsAccess {

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
        } catch (SysfsException e) {
            throw failure("read(" + sysfs.pathOf(attribute) + ")", "read", e);
        }
    }

    void write(String attribute, String value) {
        try {
            sysfs.write(attribute, value);
        } catch (SysfsException e) {
            throw failure("write(" + sysfs.pathOf(attribute) + ", \"" + value + "\")", "write", e);
        }
    }

    /** The entries of a directory, empty where it does not exist. */
    Optional<List<String>> list(String directory) {
        try {
            return Optional.of(sysfs.list(directory));
        } catch (SysfsException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw failure("list(" + sysfs.pathOf(directory) + ")", "read", e);
        }
    }

    private static LowLatencyException failure(String call, String access, SysfsException e) {
        String detail = e.detail().isEmpty() ? "" : " (" + e.detail() + ")";
        String message = switch (e.errno()) {
            case ENOENT -> call + " failed: ENOENT: the file does not exist (this kernel or CPU lacks it)";
            case EACCES, EPERM -> call + " failed: " + e.errno() + ": this user (" + System.getProperty("user.name")
                    + ") lacks " + access + " permission" + detail
                    + "; these files are writable by root only: run as root or with sudo";
            default -> call + " failed: " + e.errno() + detail;
        };
        return new LowLatencyException(message, e.errno());
    }
}
