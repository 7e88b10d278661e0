package io.github.lllqos.linux.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/** Native memory for system call arguments, allocated once per thread so calls allocate nothing. */
public final class Scratch {

    private static final ThreadLocal<Memory> INT = ThreadLocal.withInitial(() -> new Memory(Integer.BYTES));

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
