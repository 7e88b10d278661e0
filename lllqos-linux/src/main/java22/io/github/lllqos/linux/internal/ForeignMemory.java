package io.github.lllqos.linux.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Native memory of the java.lang.foreign layer: a zeroed segment of an automatic arena, freed by the GC. */
final class ForeignMemory implements NativeMemory {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    final MemorySegment segment;

    ForeignMemory(MemorySegment segment) {
        this.segment = segment;
    }

    static ForeignMemory allocate(long bytes) {
        return new ForeignMemory(Arena.ofAuto().allocate(bytes, Long.BYTES));
    }

    @Override
    public long size() {
        return segment.byteSize();
    }

    @Override
    public short getShort(long offset) {
        return segment.get(SHORT, offset);
    }

    @Override
    public int getInt(long offset) {
        return segment.get(INT, offset);
    }

    @Override
    public void setInt(long offset, int value) {
        segment.set(INT, offset, value);
    }

    @Override
    public long getLong(long offset) {
        return segment.get(LONG, offset);
    }

    @Override
    public void setLong(long offset, long value) {
        segment.set(LONG, offset, value);
    }

    @Override
    public void clear() {
        segment.fill((byte) 0);
    }
}
