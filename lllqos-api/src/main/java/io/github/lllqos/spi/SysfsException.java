package io.github.lllqos.spi;

import io.github.lllqos.Errno;
import java.io.IOException;
import java.util.Objects;

/**
 * A failed access to a kernel attribute file, with its errno as a value: what {@link CpuSysfs} throws, so the
 * API branches on the error and never on the text of a message.
 */
public final class SysfsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Errno errno;
    private final String detail;

    /**
     * Creates the failure.
     *
     * @param path the file, as {@link CpuSysfs#pathOf(String)} names it
     * @param errno the error of the call
     * @param detail what the provider knows besides, such as the file's owner and mode; empty if nothing
     */
    public SysfsException(String path, Errno errno, String detail) {
        super(path + ": " + errno + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.errno = Objects.requireNonNull(errno, "errno");
        this.detail = detail;
    }

    /**
     * The error of the call.
     *
     * @return such as {@link Errno#EACCES}
     */
    public Errno errno() {
        return errno;
    }

    /**
     * What the provider knows besides the errno.
     *
     * @return such as {@code "the file is owned by root:root with mode rw-r--r--"}, or empty
     */
    public String detail() {
        return detail;
    }
}
