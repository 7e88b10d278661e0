package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import io.github.lllqos.realtime.Periodic;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Periodic wake-ups on the real clock: exact deadlines on the grid, never early. */
class PeriodicWakeupTest {

    @Test
    void system_nano_time_is_clock_monotonic() {
        NativeLibc libc = NativeLayer.current().libc();
        MonotonicClock clock = new MonotonicClock(libc);
        NativeMemory timespec = libc.allocate(NativeLibc.SIZEOF_TIMESPEC);
        for (int i = 0; i < 1000; i++) {
            long before = System.nanoTime();
            long monotonic = clock.now(timespec);
            long after = System.nanoTime();

            assertThat(monotonic).isBetween(before, after);
        }
        assertThat(clock.offsetFromNanoTime()).isZero();
    }

    @Test
    void on_linux_wake_ups_are_absolute_clock_sleeps() {
        assertThat(Periodic.fallbackReason()).isEmpty();
    }

    @Test
    void deadlines_are_exact_multiples_of_the_period_after_the_aligned_start_and_never_early() {
        long period = Duration.ofMillis(1).toNanos();
        long alignment = Duration.ofMillis(10).toNanos();
        long offset = Duration.ofNanos(250_000).toNanos();
        Periodic periodic = Periodic.every(Duration.ofNanos(period)).withAlignment(Duration.ofNanos(alignment))
                .withOffset(Duration.ofNanos(offset)).withOverrun(Periodic.Overrun.CATCH_UP);
        long start = System.nanoTime();
        long[] deadlines = new long[200];
        long[] lateness = new long[deadlines.length];

        for (int i = 0; i < deadlines.length; i++) {
            deadlines[i] = periodic.awaitNext();
            lateness[i] = System.nanoTime() - deadlines[i];
        }

        long first = deadlines[0];
        assertThat(Math.floorMod(first - offset, alignment)).as("first activation aligned").isZero();
        assertThat(first - offset).isGreaterThanOrEqualTo(start + period).isLessThan(start + period + alignment);
        for (int i = 0; i < deadlines.length; i++) {
            assertThat(deadlines[i]).as("activation %d", i).isEqualTo(first + i * period);
            assertThat(lateness[i]).as("lateness of activation %d", i).isNotNegative();
        }
    }

    @Test
    void skipped_activations_stay_on_the_grid() throws InterruptedException {
        long period = Duration.ofMillis(2).toNanos();
        Periodic periodic = Periodic.every(Duration.ofNanos(period));
        long first = periodic.awaitNext();
        Thread.sleep(11);

        long next = periodic.awaitNext();

        assertThat(Math.floorMod(next - first, period)).isZero();
        assertThat(periodic.skipped()).isEqualTo((next - first) / period - 1).isGreaterThanOrEqualTo(4);
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(next);
    }

    @Test
    void awaiting_an_activation_allocates_nothing_once_warmed_up() {
        Periodic periodic = Periodic.every(Duration.ofNanos(1_000));
        long sink = ThreadAllocation.bytes();
        for (int i = 0; i < 20_000; i++) {
            sink += periodic.awaitNext();
        }

        long before = ThreadAllocation.bytes();
        for (int i = 0; i < 20_000; i++) {
            sink += periodic.awaitNext();
        }
        long allocated = ThreadAllocation.bytes() - before;

        assertThat(sink).isNotZero();
        assertThat(allocated).as("bytes allocated by 20,000 activations: reading the counter reflectively"
                + " allocates a few, one object per activation would be 320,000 or more").isLessThan(1024);
    }

    @Test
    void an_absolute_sleep_returns_no_earlier_than_its_time_and_at_once_for_a_past_one() {
        long deadline = System.nanoTime() + Duration.ofMillis(3).toNanos();

        Periodic.sleepUntil(deadline);
        long woke = System.nanoTime();
        Periodic.sleepUntil(woke - Duration.ofSeconds(1).toNanos());

        assertThat(woke).isGreaterThanOrEqualTo(deadline);
        assertThat(System.nanoTime() - woke).isLessThan(Duration.ofMillis(500).toNanos());
    }
}
