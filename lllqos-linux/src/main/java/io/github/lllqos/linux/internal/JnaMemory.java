package io.github.lllqos.linux.internal;

import com.sun.jna.Memory;

/** Native memory of the JNA layer: JNA's own {@link Memory}, freed when it becomes unreachable. */
final class JnaMemory extends Memory implements NativeMemory {

    JnaMemory(long bytes) {
        super(bytes);
        clear();
    }
}
