package io.github.lllqos.fake;

/**
 * An OR-aggregated flags request list, the kernel's {@code struct pm_qos_flags}. A count per bit makes every
 * change O(32) regardless of how many requests are live; the effective flags are read without a lock.
 */
final class PmQosFlags {

    private final int[] bitCounts = new int[Integer.SIZE];
    private int size;
    private volatile int effective;
    private volatile boolean empty = true;

    /** The OR of all live requests, 0 when there is none. Lock-free. */
    int effectiveFlags() {
        return effective;
    }

    /** Whether no request is live, which {@code dev_pm_qos_flags} reports as {@code PM_QOS_FLAGS_UNDEFINED}. */
    boolean isEmpty() {
        return empty;
    }

    /** Adds a request with {@code flags}; true when the effective flags changed. */
    synchronized boolean add(int flags) {
        int before = effective;
        count(flags, 1);
        size++;
        return publish(before);
    }

    /** Changes a request from {@code oldFlags} to {@code newFlags}; true when the effective flags changed. */
    synchronized boolean update(int oldFlags, int newFlags) {
        int before = effective;
        count(oldFlags, -1);
        count(newFlags, 1);
        return publish(before);
    }

    /** Removes a request holding {@code oldFlags}; true when the effective flags changed. */
    synchronized boolean remove(int oldFlags) {
        int before = effective;
        count(oldFlags, -1);
        size--;
        return publish(before);
    }

    private void count(int flags, int delta) {
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            if ((flags & (1 << bit)) != 0) {
                bitCounts[bit] += delta;
            }
        }
    }

    private boolean publish(int before) {
        int after = 0;
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            if (bitCounts[bit] > 0) {
                after |= 1 << bit;
            }
        }
        effective = after;
        empty = size == 0;
        return after != before;
    }
}
