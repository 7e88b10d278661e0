package io.github.lllqos.fake.differential;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** libc calls on the real device, direct-mapped, so failures come back with their exact errno. */
final class RealDeviceCalls {

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int SEEK_SET = 0;

    static {
        Native.register(RealDeviceCalls.class, Platform.C_LIBRARY_NAME);
    }

    private RealDeviceCalls() {
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native long read(int fd, Pointer buf, long count) throws LastErrorException;

    static native long pread(int fd, Pointer buf, long count, long offset) throws LastErrorException;

    static native long write(int fd, Pointer buf, long count) throws LastErrorException;

    static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
