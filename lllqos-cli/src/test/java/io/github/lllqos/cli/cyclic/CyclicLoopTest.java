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

    @Test
    void the_park_ticker_keeps_absolute_deadlines_one_period_apart_and_skips_missed_ones() throws Exception {
        long period = TimeUnit.MILLISECONDS.toNanos(2);
        ParkTicker ticker = new ParkTicker(period);

        long first = ticker.awaitNext();
        long second = ticker.awaitNext();
        Thread.sleep(7);
        long afterMissing = ticker.awaitNext();
        long next = ticker.awaitNext();

        assertThat(second - first).isPositive().isEqualTo((second - first) / period * period);
        assertThat(afterMissing - second).as("the periods slept through are skipped").isGreaterThan(period)
                .isEqualTo((afterMissing - second) / period * period);
        assertThat(next - afterMissing).isPositive().isEqualTo((next - afterMissing) / period * period);
    }
}
