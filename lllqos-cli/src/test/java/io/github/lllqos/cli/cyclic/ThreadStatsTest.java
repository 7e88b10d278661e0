package io.github.lllqos.cli.cyclic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class ThreadStatsTest {

    @Test
    void microseconds_are_truncated_and_averaged_as_cyclictest_does() {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 0);

        stats.record(17_999);
        stats.record(18_001);
        stats.record(20_500);

        assertThat(stats.cycles()).isEqualTo(3);
        assertThat(stats.minMicros()).isEqualTo(17);
        assertThat(stats.maxMicros()).isEqualTo(20);
        assertThat(stats.actMicros()).isEqualTo(20);
        assertThat(stats.avgMicros()).as("(17 + 18 + 20) / 3, truncated").isEqualTo(18);
        assertThat(stats.maxNanos()).isEqualTo(20_500);
    }

    @Test
    void percentiles_keep_nanoseconds_to_three_significant_digits() {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 0);
        for (int i = 1; i <= 1000; i++) {
            stats.record(i * 1_000L);
        }

        assertThat(stats.percentileNanos(50)).isBetween(499_500L, 500_500L);
        assertThat(stats.percentileNanos(99)).isBetween(989_500L, 990_500L);
        assertThat(stats.percentileNanos(99.9)).isBetween(998_500L, 999_500L);
    }

    @Test
    void a_sample_beyond_the_tracked_range_counts_at_its_top_and_keeps_its_exact_maximum() {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 0);

        stats.record(ThreadStats.HIGHEST_TRACKED_NANOS * 2);

        assertThat(stats.histogram().getTotalCount()).isEqualTo(1);
        assertThat(stats.maxNanos()).isEqualTo(ThreadStats.HIGHEST_TRACKED_NANOS * 2);
    }

    @Test
    void buckets_count_whole_microseconds_below_the_range_and_list_the_cycles_of_overflows() {
        LatencyBuckets buckets = new LatencyBuckets(10);

        buckets.add(0, 0);
        buckets.add(9, 1);
        buckets.add(9, 2);
        buckets.add(10, 3);
        buckets.add(-1, 4);

        assertThat(buckets.count(0)).isEqualTo(1);
        assertThat(buckets.count(9)).isEqualTo(2);
        assertThat(buckets.total()).isEqualTo(3);
        assertThat(buckets.overflows()).isEqualTo(2);
        assertThat(buckets.overflowCycles()).containsExactly(3, 4);
    }

    @Test
    void buckets_keep_at_most_as_many_overflow_cycles_as_they_have_buckets() {
        LatencyBuckets buckets = new LatencyBuckets(3);
        for (int cycle = 0; cycle < 10; cycle++) {
            buckets.add(1000, cycle);
        }

        assertThat(buckets.overflows()).isEqualTo(10);
        assertThat(buckets.overflowCycles()).containsExactly(0, 1, 2);
    }

    @Test
    void a_bucket_range_outside_cyclictests_is_refused() {
        assertThatThrownBy(() -> new LatencyBuckets(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("histogram range must be 1..1000000 µs, was 0");
    }

    @Test
    void recording_allocates_nothing() throws Exception {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 100);
        for (int i = 0; i < 200_000; i++) {
            stats.record(i % 150_000);
        }

        long allocated = allocatedBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                stats.record(i % 150_000);
            }
        });

        assertThat(allocated).as("bytes allocated by 100,000 records (one object each would be 1.6 MB)")
                .isLessThan(256);
    }

    @Test
    void the_heap_a_record_is_said_to_take_is_what_creating_it_allocates_to_within_a_percent() throws Exception {
        ThreadStats[] kept = new ThreadStats[2];
        kept[0] = new ThreadStats(0, 1000, 0, -1, 10);
        ThreadStats.heapBytes(0);

        long plain = allocatedBy(() -> kept[0] = new ThreadStats(0, 1000, 0, -1, 0));
        long withHistogram = allocatedBy(() -> kept[1] = new ThreadStats(1, 1000, 0, -1, 100_000));

        assertThat(ThreadStats.heapBytes(0)).isCloseTo(plain, Percentage.withPercentage(1));
        assertThat(ThreadStats.heapBytes(100_000)).isCloseTo(withHistogram, Percentage.withPercentage(1));
    }

    /** The bytes the calling thread allocates while running {@code work}, less what reading the count costs. */
    private static long allocatedBy(Runnable work) throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        // Read reflectively: the test is compiled inside the module, which does not read java.management.
        Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");
        long readingCost = -((long) allocatedBytes.invoke(threads) - (long) allocatedBytes.invoke(threads));

        long before = (long) allocatedBytes.invoke(threads);
        work.run();
        return (long) allocatedBytes.invoke(threads) - before - readingCost;
    }
}
