package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.Refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.realtime.PriorityChange.Method;
import io.github.lllqos.spi.support.UnsupportedRealtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Priority changes with their fallback chain, and SCHED_DEADLINE, over a recording backend. */
class SchedulingChangesTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final RealtimeControl control = new RealtimeControl(backend, RecordingBackend.PID);
    private final SchedulingChanges scheduling = control.scheduling();
    private final RealtimeReads reads = control.reads();

    @AfterEach
    void forgetTheDeadlineThread() {
        DeadlineThreads.clearCurrent();
    }

    @Test
    void a_permitted_elevation_sets_the_policy_once_and_reports_it() {
        PriorityChange change = scheduling.elevate(0, SchedPolicy.FIFO, 80);

        assertThat(backend.calls).containsExactly("setScheduler(0, FIFO, 80)");
        assertThat(change.method()).isEqualTo(Method.REALTIME_POLICY);
        assertThat(change.policy()).contains(SchedPolicy.FIFO);
        assertThat(change.priority()).hasValue(80);
        assertThat(change.reason()).isEmpty();
        assertThat(change.errno()).isEmpty();
        assertThat(change.requireRealtime()).isSameAs(change);
    }

    @Test
    void a_refused_elevation_raises_the_soft_rtprio_limit_and_tries_again_as_cyclictest_does() {
        backend.privileged = false;
        backend.hardRtprio = 99;

        PriorityChange change = scheduling.elevate(0, SchedPolicy.RR, 40);

        assertThat(backend.calls).containsExactly("setScheduler(0, RR, 40)", "raiseRtprioLimit(40)",
                "setScheduler(0, RR, 40)");
        assertThat(change.method()).isEqualTo(Method.REALTIME_POLICY_AFTER_RAISING_RLIMIT);
        assertThat(change.realtime()).isTrue();
        assertThat(change.errno()).contains(Errno.EPERM);
        assertThat(change.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("sched_setscheduler(0, SCHED_RR, 40) failed: EPERM")
                .contains("raised the soft RLIMIT_RTPRIO of this process to 40"));
        assertThat(backend.softRtprio).isEqualTo(40);
    }

    @Test
    void without_room_under_the_hard_limit_it_falls_back_to_nice_minus_10() {
        backend.privileged = false;
        backend.lowestUnprivilegedNice = -10;

        PriorityChange change = scheduling.elevate(0, SchedPolicy.FIFO, 80);

        assertThat(backend.calls).containsExactly("setScheduler(0, FIFO, 80)", "raiseRtprioLimit(80)",
                "setNice(0, -10)");
        assertThat(change.method()).isEqualTo(Method.NICE);
        assertThat(change.realtime()).isFalse();
        assertThat(change.applied()).isTrue();
        assertThat(change.nice()).hasValue(-10);
        assertThat(change.policy()).contains(SchedPolicy.OTHER);
        assertThat(change.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("EPERM", "hard limit 0 is below priority 80", "fell back to nice -10"));
        assertThatThrownBy(change::requireRealtime).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("no real-time policy").hasMessageContaining("EPERM");
    }

    @Test
    void a_refused_lowering_changes_nothing_and_keeps_the_real_time_policy() {
        backend.privileged = false;
        backend.hardRtprio = 99;
        backend.softRtprio = 99;
        scheduling.elevate(0, SchedPolicy.FIFO, 99);
        backend.calls.clear();

        PriorityChange refused = scheduling.lower(0, -5);

        assertThat(backend.calls).containsExactly("setNice(0, -5)");
        assertThat(refused.method()).isEqualTo(Method.NONE);
        assertThat(refused.errno()).contains(Errno.EACCES);
        assertThat(refused.policy()).contains(SchedPolicy.FIFO);
        assertThat(refused.reason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("setpriority(PRIO_PROCESS, 0, -5) failed: EACCES"));
    }

    @Test
    void a_thread_already_below_nice_minus_10_keeps_its_nice_value() {
        backend.privileged = false;
        backend.nice = -15;

        PriorityChange change = scheduling.elevate(0, SchedPolicy.FIFO, 80);

        assertThat(backend.calls).doesNotContain("setNice(0, -10)");
        assertThat(change.method()).isEqualTo(Method.NICE);
        assertThat(change.nice()).hasValue(-15);
        assertThat(change.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("kept nice -15"));
    }

    @Test
    void refusals_with_nice_refused_name_every_step() {
        backend.privileged = false;

        PriorityChange change = scheduling.elevate(0, SchedPolicy.FIFO, 80);

        assertThat(change.method()).isEqualTo(Method.NONE);
        assertThat(change.applied()).isFalse();
        assertThat(change.errno()).contains(Errno.EPERM);
        assertThat(change.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("sched_setscheduler(0, SCHED_FIFO, 80) failed: EPERM", "RLIMIT_RTPRIO cannot be raised",
                        "the fallback to nice -10 was refused too", "EACCES"));
    }

    @Test
    void failures_other_than_permission_are_thrown() {
        backend.failures.put("setScheduler", Errno.ESRCH);

        assertThatThrownBy(() -> scheduling.elevate(99, SchedPolicy.FIFO, 10)).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("ESRCH");
        assertThat(backend.calls).containsExactly("setScheduler(99, FIFO, 10)");
    }

    @Test
    void setting_deadline_makes_one_call_and_reads_the_parameters_back() {
        DeadlineParameters wanted = DeadlineParameters.ofNanos(200_000, 1_000_000, 1_000_000);

        Outcome<DeadlineParameters> set = scheduling.setDeadline(wanted);

        assertThat(backend.calls).containsExactly("setDeadline(0, " + wanted + ")");
        assertThat(set.applied()).isTrue();
        assertThat(set.value()).contains(wanted);
        assertThat(reads.policy(0)).contains(SchedPolicy.DEADLINE);
        assertThat(DeadlineThreads.isCurrent()).isTrue();
        scheduling.lower(0, 0);
        assertThat(DeadlineThreads.isCurrent()).as("forgotten when the thread leaves the policy").isFalse();
        assertThat(backend.policy).isEqualTo(SchedPolicy.OTHER);
    }

    @Test
    void each_refusal_of_the_kernel_becomes_a_reason_with_its_errno() {
        for (Errno errno : new Errno[] {Errno.EBUSY, Errno.EPERM, Errno.EINVAL}) {
            backend.failures.put("setDeadline", errno);

            Outcome<DeadlineParameters> refused = scheduling.setDeadline(DeadlineParameters.ofNanos(2_000, 3_000,
                    4_000));

            assertThat(refused.applied()).isFalse();
            assertThat(refused.errno()).contains(errno);
            assertThat(refused.refusal().orElseThrow().kind()).isEqualTo(errno == Errno.EPERM
                    ? Refusal.Kind.PERMISSION : Refusal.Kind.REJECTED);
            assertThat(refused.notAppliedReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("failed: " + errno));
            assertThat(DeadlineThreads.isCurrent()).isFalse();
        }
    }

    @Test
    void an_unexpected_failure_of_sched_setattr_is_thrown() {
        backend.failures.put("setDeadline", Errno.EFAULT);

        assertThatThrownBy(() -> scheduling.setDeadline(DeadlineParameters.ofNanos(2_000, 3_000, 4_000)))
                .isInstanceOf(LowLatencyException.class).hasMessageContaining("EFAULT");
    }

    @Test
    void invalid_priorities_and_nice_values_call_nothing() {
        assertThatThrownBy(() -> scheduling.elevate(0, SchedPolicy.FIFO, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority 0 is outside SCHED_FIFO's range 1..99");
        assertThatThrownBy(() -> scheduling.elevate(0, SchedPolicy.RR, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority 100 is outside SCHED_RR's range 1..99");
        assertThatThrownBy(() -> scheduling.elevate(0, SchedPolicy.IDLE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was IDLE");
        assertThatThrownBy(() -> scheduling.lower(0, -21)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nice -21");
        assertThatThrownBy(() -> scheduling.lower(0, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nice 20");

        assertThat(backend.calls).isEmpty();
    }

    @Test
    void without_real_time_support_scheduling_changes_nothing_and_says_why() {
        RealtimeControl none = new RealtimeControl(new UnsupportedRealtime("not Linux"), 1);

        Outcome<DeadlineParameters> set = none.scheduling().setDeadline(DeadlineParameters.ofNanos(2_000, 3_000,
                4_000));

        assertThat(set.applied()).isFalse();
        assertThat(set.notAppliedReason()).contains("not Linux");
        assertThat(none.scheduling().elevate(0, SchedPolicy.FIFO, 80).reason()).contains("not Linux");
        assertThat(none.scheduling().elevate(0, SchedPolicy.FIFO, 80).method()).isEqualTo(Method.NONE);
        assertThat(none.scheduling().lower(0, 10).applied()).isFalse();
    }
}
