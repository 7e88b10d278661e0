package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.spi.support.UnsupportedRealtime;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The changes of one call each (affinity, memory locking, timer slack): argument checks, refusals and read-backs,
 * over a recording backend.
 */
class RealtimeControlTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final RealtimeControl control = new RealtimeControl(backend, RecordingBackend.PID);

    @Test
    void invalid_arguments_call_nothing() {
        assertThatThrownBy(() -> control.pin(0, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> control.pin(0, Set.of(1, -2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU -2");
        assertThatThrownBy(() -> control.pin(0, Set.of(1, 9))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 9 is not online").hasMessageContaining("online CPUs 0-3");
        assertThatThrownBy(() -> control.setTimerSlack(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5 ns");

        assertThat(backend.calls).isEmpty();
    }

    @Test
    void a_thread_id_below_1_is_refused_by_the_facade() {
        assertThatThrownBy(() -> Realtime.elevatePriority(0, SchedPolicy.FIFO, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thread id 0");
        assertThatThrownBy(() -> Realtime.pinToCpus(-3, Set.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thread id -3");
    }

    @Test
    void pinning_reports_the_affinity_read_back_and_a_refusal_with_its_errno() {
        Outcome<Set<Integer>> pinned = control.pin(5, Set.of(2, 1));
        backend.failures.put("setAffinity", Errno.EINVAL);
        Outcome<Set<Integer>> refused = control.pin(5, Set.of(3));

        assertThat(pinned.applied()).isTrue();
        assertThat(pinned.value()).contains(Set.of(1, 2));
        assertThat(refused.applied()).isFalse();
        assertThat(refused.errno()).contains(Errno.EINVAL);
        assertThat(refused.value()).contains(Set.of(1, 2));
        assertThatThrownBy(refused::requireApplied).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("EINVAL");
    }

    @Test
    void zero_slack_asks_for_1_ns_because_the_kernel_reads_0_as_the_default() {
        Outcome<Long> slack = control.setTimerSlack(0);

        assertThat(backend.calls).containsExactly("setTimerSlack(1)");
        assertThat(slack.value()).contains(1L);
        assertThat(slack.applied()).isTrue();
    }

    @Test
    void slack_on_a_real_time_thread_is_reported_as_not_applied() {
        control.scheduling().elevate(0, SchedPolicy.FIFO, 10);

        Outcome<Long> slack = control.setTimerSlack(1000);

        assertThat(slack.applied()).isFalse();
        assertThat(slack.value()).contains(0L);
        assertThat(slack.notAppliedReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("SCHED_FIFO", "6.7"));
    }

    @Test
    void a_refused_memory_lock_is_not_applied_with_its_errno() {
        backend.failures.put("lockMemory", Errno.ENOMEM);

        Outcome<Long> locked = control.lockMemory();

        assertThat(locked.applied()).isFalse();
        assertThat(locked.errno()).contains(Errno.ENOMEM);
        assertThat(locked.value()).contains(0L);
        assertThat(control.unlockMemory().applied()).isTrue();
    }

    @Test
    void a_memory_lock_reports_the_locked_bytes() {
        assertThat(control.lockMemory().value()).contains(1L << 20);
    }

    @Test
    void without_real_time_support_every_change_is_a_no_op_that_says_why() {
        RealtimeControl unsupported = new RealtimeControl(new UnsupportedRealtime("this is Plan 9"), 1);

        assertThat(unsupported.unsupportedReason()).contains("this is Plan 9");
        assertThat(unsupported.pin(0, Set.of(0)).notAppliedReason()).contains("this is Plan 9");
        assertThat(unsupported.lockMemory().applied()).isFalse();
        assertThat(unsupported.unlockMemory().applied()).isFalse();
        assertThat(unsupported.setTimerSlack(10).applied()).isFalse();
    }
}
