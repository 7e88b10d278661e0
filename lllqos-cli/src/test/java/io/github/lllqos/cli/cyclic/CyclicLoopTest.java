package io.github.lllqos.cli.cyclic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CyclicLoopTest {

    /** A ticker that does not wait and reports its deadline as 5 µs ago. */
    private static final Ticker FIVE_MICROS_LATE = () -> System.nanoTime() - 5_000;

    /** A ticker that sleeps for {@code millis} and reports its deadline as the moment it wakes. */
    private static Ticker sleepingFor(long millis) {
        return () -> {
            Thread.sleep(millis);
            return System.nanoTime();
        };
    }

    @Test
    void the_loop_records_each_activation_and_stops_after_the_loops_asked_for() throws Exception {
        ThreadStats stats = new ThreadStats(0, 1000, 0, -1, 0);

        CyclicLoop.run(FIVE_MICROS_LATE, stats, 250, 0, new AtomicBoolean());

        assertThat(stats.cycles()).isEqualTo(250);
        assertThat(stats.minMicros()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void the_loop_stops_when_its_duration_has_passed() throws Exception {
        ThreadStats stats = new ThreadStats(0, 1000, 0, -1, 0);
        CyclicLoop.run(sleepingFor(1), stats, 0, TimeUnit.MILLISECONDS.toNanos(20), new AtomicBoolean());

        assertThat(stats.cycles()).isBetween(1L, 21L);
    }

    @Test
    void a_duration_shorter_than_the_interval_ends_at_its_end_without_waiting_for_an_activation() throws Exception {
        ThreadStats stats = new ThreadStats(0, 10_000_000, 0, -1, 0);
        long start = System.nanoTime();

        CyclicLoop.run(sleepingFor(10_000), stats, 0, TimeUnit.MILLISECONDS.toNanos(200), new AtomicBoolean());

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMillis).as("ran for -D 200 ms, not until the activation 10 s on").isBetween(195L, 5_000L);
        assertThat(stats.cycles()).isZero();
    }

    @Test
    void every_activation_due_before_the_end_is_recorded_and_the_next_is_not_waited_for() throws Exception {
        ThreadStats stats = new ThreadStats(0, 50_000, 0, -1, 0);
        Ticker everyFiftyMillis = everyFiftyMillis(stats);
        long start = System.nanoTime();

        CyclicLoop.run(everyFiftyMillis, stats, 0, TimeUnit.MILLISECONDS.toNanos(175), new AtomicBoolean());

        assertThat(stats.cycles()).as("due at 50, 100 and 150 ms").isEqualTo(3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("runs until its end, 175 ms")
                .isGreaterThanOrEqualTo(170L);
    }

    @Test
    void waiting_for_the_end_stops_when_asked_to_by_another_thread() throws Exception {
        ThreadStats stats = new ThreadStats(0, 120_000_000, 0, -1, 0);
        AtomicBoolean stop = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.set(true);
        });
        stopper.start();
        long start = System.nanoTime();

        CyclicLoop.run(() -> {
            throw new AssertionError("no activation is due before the end");
        }, stats, 0, TimeUnit.SECONDS.toNanos(60), stop);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L);
        stopper.join();
    }

    @Test
    void the_loop_stops_when_asked_to_by_another_thread() throws Exception {
        ThreadStats stats = new ThreadStats(0, 1000, 0, -1, 0);
        AtomicBoolean stop = new AtomicBoolean();
        Ticker stopsAtTen = () -> {
            if (stats.cycles() == 10) {
                stop.set(true);
            }
            return System.nanoTime();
        };

        CyclicLoop.run(stopsAtTen, stats, 0, 0, stop);

        assertThat(stats.cycles()).isEqualTo(11);
    }

    /** Activations every 50 ms from 50 ms after the call, each one as late as {@link Thread#sleep} wakes up. */
    private static Ticker everyFiftyMillis(ThreadStats stats) {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(50);
        long first = System.nanoTime() + intervalNanos;
        return () -> {
            long deadline = first + stats.cycles() * intervalNanos;
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            return deadline;
        };
    }
}
