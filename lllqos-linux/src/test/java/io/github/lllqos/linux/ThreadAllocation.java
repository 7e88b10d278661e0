package io.github.lllqos.linux;

import java.lang.reflect.Method;

/**
 * The bytes the calling thread has allocated, from {@code com.sun.management.ThreadMXBean}, reached reflectively
 * because the module under test reads neither {@code java.management} nor {@code jdk.management}. Each reading
 * allocates a few bytes itself.
 */
final class ThreadAllocation {

    private static final Object THREADS;
    private static final Method ALLOCATED_BYTES;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            ALLOCATED_BYTES = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ThreadAllocation() {
    }

    static long bytes() {
        try {
            return (Long) ALLOCATED_BYTES.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
