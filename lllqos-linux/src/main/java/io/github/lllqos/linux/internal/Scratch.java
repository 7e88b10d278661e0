package io.github.lllqos.linux.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/** Native memory for system call arguments, allocated once per thread so calls allocate nothing. */
public final class Scratch {

    private static final ThreadLocal<Memory> INT = ThreadLocal.withInitial(() -> new Memory(Integer.BYTES));
    private static final ThreadLocal<Memory> STATX = ThreadLocal.withInitial(() -> new Memory(LibC.SIZEOF_STATX));
    private static final Memory EMPTY_STRING = cString("");

    private Scratch() {
    }

    /**
     * This thread's 4-byte buffer, for one call at a time.
     *
     * @return native memory holding one {@code int}
     */
    public static Pointer threadInt() {
        return INT.get();
    }

    /**
     * This thread's {@code struct statx} buffer, for one call at a time.
     *
     * @return native memory of {@value LibC#SIZEOF_STATX} bytes
     */
    public static Pointer threadStatx() {
        return STATX.get();
    }

    /**
     * The empty C string, for calls on a descriptor that take a path ({@link LibC#AT_EMPTY_PATH}).
     *
     * @return native memory holding one NUL byte
     */
    public static Pointer emptyString() {
        return EMPTY_STRING;
    }

    /**
     * A NUL-terminated UTF-8 copy of a string in native memory, for paths used again and again.
     *
     * @param text the string
     * @return native memory that lives as long as the returned object
     */
    public static Memory cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }
}
