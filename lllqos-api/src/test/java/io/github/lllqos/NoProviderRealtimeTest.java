package io.github.lllqos;

import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With no provider on the class path (as in this module's tests), real-time calls are no-ops with a reason. */
class NoProviderRealtimeTest {

    @Test
    void the_none_provider_changes_nothing_and_says_why() {
        assertThat(LowLatency.providerName()).isEqualTo("none");

        PriorityChange change = Realtime.elevatePriority();

        assertThat(change.method()).isEqualTo(PriorityChange.Method.NONE);
        assertThat(change.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("no real-time support").contains("lllqos-linux"));
        assertThat(Realtime.unsupportedReason()).isPresent();
        assertThat(Realtime.pinToCpu(0).applied()).isFalse();
        assertThat(Realtime.policy()).isEmpty();
    }

    @Test
    void periodic_falls_back_to_park_nanos_and_says_so_yet_is_never_early() {
        Periodic periodic = Periodic.every(Duration.ofMillis(2)).withOverrun(Periodic.Overrun.CATCH_UP);

        long first = periodic.awaitNext();
        long firstLateness = System.nanoTime() - first;
        long second = periodic.awaitNext();

        assertThat(Periodic.fallbackReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("LockSupport.parkNanos").contains("no real-time support"));
        assertThat(firstLateness).isNotNegative();
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(second);
        assertThat(second - first).isEqualTo(Duration.ofMillis(2).toNanos());
    }

    @Test
    void the_parking_fallback_keeps_the_interrupt_status_and_still_waits() {
        long deadline = System.nanoTime() + Duration.ofMillis(5).toNanos();
        Thread.currentThread().interrupt();
        try {
            Periodic.sleepUntil(deadline);

            assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
