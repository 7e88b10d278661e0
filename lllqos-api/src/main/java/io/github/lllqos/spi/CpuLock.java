package io.github.lllqos.spi;

/** One held CPU lock of {@link CpuLocks}. The API calls {@link #release()} once. */
public interface CpuLock {

    /**
     * The CPU this lock reserves.
     *
     * @return the CPU number
     */
    int cpu();

    /** Releases the lock; the CPU is free for others afterwards. */
    void release();
}
