package io.github.lllqos.linux.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc calls. C names for C things; sizes assume an LP64 ABI, which
 * {@link #unsupportedReason()} checks.
 */
public final class LibC {

    /** {@code O_RDONLY}. */
    public static final int O_RDONLY = 0;
    /** {@code O_RDWR}. */
    public static final int O_RDWR = 2;
    /** {@code O_CLOEXEC} (asm-generic value, used by x86, arm, arm64, riscv, powerpc, s390). */
    public static final int O_CLOEXEC = 0x80000;

    private static final Throwable LOAD_FAILURE = register();

    private LibC() {
    }

    private static Throwable register() {
        try {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (LinkageError | RuntimeException e) {
            return e;
        }
    }

    /**
     * Why these bindings cannot be used on this JVM, if they cannot.
     *
     * @return null when usable
     */
    public static String unsupportedReason() {
        if (LOAD_FAILURE != null) {
            return "JNA could not bind libc: " + LOAD_FAILURE;
        }
        if (Native.SIZE_T_SIZE != 8) {
            return "only 64-bit JVMs are supported (size_t is " + Native.SIZE_T_SIZE + " bytes here)";
        }
        return null;
    }

    /**
     * {@code int open(const char *path, int flags)}.
     *
     * @param path a NUL-terminated path in native memory
     * @param flags open flags
     * @return the descriptor
     * @throws LastErrorException with errno on failure
     */
    public static native int open(Pointer path, int flags) throws LastErrorException;

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0
     * @throws LastErrorException with errno on failure
     */
    public static native int close(int fd) throws LastErrorException;

    /**
     * {@code ssize_t write(int fd, const void *buf, size_t count)}.
     *
     * @param fd the descriptor
     * @param buf the bytes to write
     * @param count bytes to write
     * @return bytes written
     * @throws LastErrorException with errno on failure
     */
    public static native long write(int fd, Pointer buf, long count) throws LastErrorException;

    /**
     * {@code ssize_t pread(int fd, void *buf, size_t count, off_t offset)}.
     *
     * @param fd the descriptor
     * @param buf receives the bytes
     * @param count bytes to read
     * @param offset the file position to read at
     * @return bytes read, 0 at end of file
     * @throws LastErrorException with errno on failure
     */
    public static native long pread(int fd, Pointer buf, long count, long offset) throws LastErrorException;
}
