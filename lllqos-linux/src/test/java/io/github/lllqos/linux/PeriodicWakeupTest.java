package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void awaiting_an_activation_allocates_nothing_once_warmed_up(String name, Periodic periodic, int activations)
            throws ReflectiveOperationException {
        assertThat(allocatedByActivations(periodic, activations)).as("bytes allocated by %d activations (%s):"
                + " one object per activation would be %d or more", activations, name, activations * 16).isLessThan(1024);
    }

    static Stream<Arguments> schedules() {
        Periodic every20Micros = Periodic.every(Duration.ofNanos(20_000));
        return Stream.of(Arguments.of("plain clock sleeps", Periodic.every(Duration.ofNanos(1_000)), 20_000),
                Arguments.of("spin-finish, 10 µs margin", every20Micros.withSpin(Duration.ofNanos(10_000)), 10_000),
                Arguments.of("adaptive spin-finish", every20Micros.withAdaptiveSpin(), 10_000));
    }

    @Test
    void a_deadline_thread_yielding_each_job_allocates_nothing_once_warmed_up() throws Exception {
        RealEnvironment.requireRoot("sets SCHED_DEADLINE, which needs CAP_SYS_NICE");
        long allocated = OnNewThread.call(() -> {
            Realtime.setDeadline(Duration.ofNanos(30_000), Duration.ofNanos(100_000), Duration.ofNanos(100_000))
                    .requireApplied();
            return allocatedByActivations(Periodic.every(Duration.ofNanos(100_000)), 5_000);
        });

        assertThat(allocated).as("bytes allocated by 5,000 activations of a deadline thread, each ending with"
                + " sched_yield()")
                .isLessThan(1024);
    }

    /**
     * The bytes the calling thread allocates in {@code count} activations, after as many to warm up: the least of
     * three such windows, since the JIT may deoptimize a method once (materializing the objects it had kept in
     * registers) in any of them, while an allocation per activation shows in every one. The counter is
     * read reflectively (this module does not read java.management); reflection replaces its accessor by a
     * generated one after 15 calls, which allocates, so it is called 20 times first.
     */
    private static long allocatedByActivations(Periodic periodic, int count) throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");
        long sink = 0;
        for (int i = 0; i < 20; i++) {
            sink += (Long) allocatedBytes.invoke(threads);
        }
        for (int i = 0; i < count; i++) {
            sink += periodic.awaitNext();
        }

        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
            long before = (Long) allocatedBytes.invoke(threads);
            for (int i = 0; i < count; i++) {
                sink += periodic.awaitNext();
            }
            allocated = Math.min(allocated, (Long) allocatedBytes.invoke(threads) - before);
        }

        assertThat(sink).isNotZero();
        return allocated;
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
