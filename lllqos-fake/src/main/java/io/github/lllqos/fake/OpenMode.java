package io.github.lllqos.fake;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;

/** The access mode {@link java.nio.channels.FileChannel#open} would derive from its options, for a device node. */
final class OpenMode {

    final boolean readable;
    final boolean writable;

    private OpenMode(boolean readable, boolean writable) {
        this.readable = readable;
        this.writable = writable;
    }

    static OpenMode of(OpenOption... options) throws FileAlreadyExistsException {
        boolean read = false;
        boolean write = false;
        boolean append = false;
        boolean truncate = false;
        for (OpenOption option : options) {
            if (option == StandardOpenOption.READ) {
                read = true;
            } else if (option == StandardOpenOption.WRITE) {
                write = true;
            } else if (option == StandardOpenOption.APPEND) {
                append = true;
            } else if (option == StandardOpenOption.TRUNCATE_EXISTING) {
                truncate = true;
            } else if (option == StandardOpenOption.CREATE_NEW) {
                throw new FileAlreadyExistsException(CpuDmaLatencyNode.PATH);
            } else if (option == StandardOpenOption.DELETE_ON_CLOSE) {
                throw new UnsupportedOperationException("DELETE_ON_CLOSE would delete the device node "
                        + CpuDmaLatencyNode.PATH);
            } else if (option == null) {
                throw new NullPointerException("an open option is null");
            } else if (!(option instanceof StandardOpenOption) && option != LinkOption.NOFOLLOW_LINKS) {
                throw new UnsupportedOperationException(option + " not supported");
            }
        }
        if (read && append) {
            throw new IllegalArgumentException("READ + APPEND not allowed");
        }
        if (append && truncate) {
            throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
        }
        boolean writable = write || append;
        return new OpenMode(read || !writable, writable);
    }
}
