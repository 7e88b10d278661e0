package io.github.lllqos.linux;

import io.github.lllqos.linux.internal.NativeMemory;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dynamically sized {@code cpu_set_t} (as {@code CPU_ALLOC} makes it): an array of 64-bit words, bit
 * {@code cpu % 64} of word {@code cpu / 64} set for each CPU, so machines with any number of CPUs work.
 */
final class CpuSet {

    private CpuSet() {
    }

    /** {@code CPU_ALLOC_SIZE(cpus)}: bytes for a set of {@code cpus} CPUs, whole 64-bit words. */
    static long allocSize(int cpus) {
        return ((Math.max(cpus, 1) + 63L) / 64) * Long.BYTES;
    }

    /** Sets the bits of {@code cpus}, each below the mask's size in bits, in a cleared mask; returns the mask. */
    static NativeMemory encode(Set<Integer> cpus, NativeMemory mask) {
        long size = mask.size();
        mask.clear();
        for (int cpu : cpus) {
            if (cpu < 0 || cpu >= size * Byte.SIZE) {
                throw new IllegalArgumentException("CPU " + cpu + " does not fit a cpu_set_t of " + size + " bytes");
            }
            long word = (long) (cpu / 64) * Long.BYTES;
            mask.setLong(word, mask.getLong(word) | 1L << (cpu % 64));
        }
        return mask;
    }

    /** The CPUs of a mask. */
    static Set<Integer> decode(NativeMemory mask) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (long word = 0; word < mask.size() / Long.BYTES; word++) {
            long bits = mask.getLong(word * Long.BYTES);
            while (bits != 0) {
                int bit = Long.numberOfTrailingZeros(bits);
                cpus.add((int) (word * 64 + bit));
                bits &= bits - 1;
            }
        }
        return Collections.unmodifiableSet(cpus);
    }
}
