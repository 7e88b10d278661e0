package io.github.lllqos.cli.cyclic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CyclicLoopTest {

    /** A ticker that does not wait and reports its deadline as 5 µs ago. */
    private static final Ticker FIVE_MICROS_LATE = () -> System.nanoTime() - 5_000;

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
        Ticker everyMilli = () -> {
            Thread.sleep(1);
            return System.nanoTime();
        };

        CyclicLoop.run(everyMilli, stats, 0, TimeUnit.MILLISECONDS.toNanos(20), new AtomicBoolean());

        assertThat(stats.cycles()).isBetween(1L, 21L);
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
}
