package io.github.lllqos.linux.internal;

/**
 * A block of native memory for the arguments of {@link NativeLibc} calls, allocated once (per thread, per lease or
 * per object) and reused, so calls allocate nothing. Offsets are in bytes; values are in native byte order.
 */
public interface NativeMemory {

    /**
     * The size of this block.
     *
     * @return bytes
     */
    long size();

    /**
     * Reads a C {@code short} (16 bits).
     *
     * @param offset from the start of the block
     * @return the value
     */
    short getShort(long offset);

    /**
     * Reads a C {@code int}.
     *
     * @param offset from the start of the block
     * @return the value
     */
    int getInt(long offset);

    /**
     * Writes a C {@code int}.
     *
     * @param offset from the start of the block
     * @param value the value
     */
    void setInt(long offset, int value);

    /**
     * Reads a C {@code long} (64 bits on LP64).
     *
     * @param offset from the start of the block
     * @return the value
     */
    long getLong(long offset);

    /**
     * Writes a C {@code long} (64 bits on LP64).
     *
     * @param offset from the start of the block
     * @param value the value
     */
    void setLong(long offset, long value);

    /** Sets every byte of the block to 0. */
    void clear();
}
