package io.github.lllqos.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateWakeupRingTest {

    @Test
    void entries_come_out_in_order_up_to_the_bound_only() {
        LateWakeupRing ring = new LateWakeupRing(8);
        for (long t = 1; t <= 5; t++) {
            ring.offer(t * 10, t * 10 + 3, t, 0, 0, 0);
        }
        List<Long> woke = new ArrayList<>();

        assertThat(ring.drainUpTo(33, w -> woke.add(w.woke()))).isEqualTo(3);
        assertThat(woke).containsExactly(13L, 23L, 33L);
        assertThat(ring.pending()).isEqualTo(2);
    }

    @Test
    void a_full_ring_drops_and_counts_instead_of_overwriting() {
        LateWakeupRing ring = new LateWakeupRing(4);
        for (long t = 0; t < 6; t++) {
            ring.offer(t, t + 1, 0, 0, 0, 0);
        }
        List<Long> deadlines = new ArrayList<>();
        ring.drainUpTo(Long.MAX_VALUE, w -> deadlines.add(w.deadline()));

        assertThat(deadlines).containsExactly(0L, 1L, 2L, 3L);
        assertThat(ring.dropped()).isEqualTo(2);
    }

    @Test
    void offering_allocates_nothing() {
        LateWakeupRing ring = new LateWakeupRing(1 << 12);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200_000; i++) {
            ring.offer(i, i + 1, 0, 0, 0, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            ring.offer(i, i + 1, 0, 0, 0, 0);
        }
        // The JIT may allocate a few bytes on the thread while compiling; one object per offer would be 1.6 MB.
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated by 100,000 offers")
                .isLessThan(256);
    }
}
