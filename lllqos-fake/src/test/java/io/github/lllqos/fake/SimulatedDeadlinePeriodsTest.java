package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.Realtime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A deadline thread's yield on the simulated kernel waits for its next period, as the real kernel wakes it. */
@ExtendWith(SimulatedKernelExtension.class)
class SimulatedDeadlinePeriodsTest {

    private static final Duration PERIOD = Duration.ofMillis(20);

    @Test
    void a_periodic_deadline_thread_wakes_once_a_period_from_when_its_parameters_were_set() throws Exception {
        long period = PERIOD.toNanos();
        long[] activations = new long[6];
        long[] since = new long[1];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                since[0] = System.nanoTime();
                Realtime.setDeadline(Duration.ofMillis(2), PERIOD, PERIOD).requireApplied();
                Periodic periodic = Periodic.every(PERIOD);
                for (int i = 0; i < activations.length; i++) {
                    activations[i] = periodic.awaitNext();
                    assertThat(System.nanoTime() - activations[i]).as("lateness").isNotNegative();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "simulated-deadline");
        thread.start();
        thread.join();

        assertThat(failure.get()).isNull();
        for (int i = 0; i < activations.length; i++) {
            assertThat(activations[i] - since[0]).as("activation %d: not before the period it woke in", i)
                    .isGreaterThanOrEqualTo((i + 1) * period);
        }
        assertThat(activations[activations.length - 1] - activations[0]).as("one wake-up a period: a yield that did"
                + " not wait would take no time").isBetween(4 * period, 6 * period);
    }
}
