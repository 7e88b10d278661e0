package io.github.lllqos.jmh;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The baseline a lease is measured against: the same system calls, direct-mapped, with no API around them. */
final class BareDeviceCalls {

    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;

    static {
        Native.register(BareDeviceCalls.class, Platform.C_LIBRARY_NAME);
    }

    private BareDeviceCalls() {
    }

    static native int open(Pointer path, int flags);

    static native long write(int fd, Pointer buf, long count);

    static native int close(int fd);
}
