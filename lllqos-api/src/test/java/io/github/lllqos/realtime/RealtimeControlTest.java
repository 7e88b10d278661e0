package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.Refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.realtime.PriorityChange.Method;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.support.UnsupportedRealtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's side of real-time calls: argument checks, fallbacks and read-backs, over a recording backend. */
class RealtimeControlTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final RealtimeControl control = new RealtimeControl(backend, RecordingBackend.PID);

    @AfterEach
    void forgetTheDeadlineThread() {
        DeadlineThreads.clearCurrent();
    }

    @Test
    void a_permitted_elevation_sets_the_policy_once_and_reports_it() {
        PriorityChange change = control.elevate(0, SchedPolicy.FIFO, 80);

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

        PriorityChange change = control.elevate(0, SchedPolicy.RR, 40);

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

        PriorityChange change = control.elevate(0, SchedPolicy.FIFO, 80);

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
        control.elevate(0, SchedPolicy.FIFO, 99);
        backend.calls.clear();

        PriorityChange refused = control.lower(0, -5);

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

        PriorityChange change = control.elevate(0, SchedPolicy.FIFO, 80);

        assertThat(backend.calls).doesNotContain("setNice(0, -10)");
        assertThat(change.method()).isEqualTo(Method.NICE);
        assertThat(change.nice()).hasValue(-15);
        assertThat(change.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("kept nice -15"));
    }

    @Test
    void refusals_with_nice_refused_name_every_step() {
        backend.privileged = false;

        PriorityChange change = control.elevate(0, SchedPolicy.FIFO, 80);

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

        assertThatThrownBy(() -> control.elevate(99, SchedPolicy.FIFO, 10)).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("ESRCH");
        assertThat(backend.calls).containsExactly("setScheduler(99, FIFO, 10)");
    }

    @Test
    void invalid_arguments_call_nothing() {
        assertThatThrownBy(() -> control.elevate(0, SchedPolicy.FIFO, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority 0 is outside SCHED_FIFO's range 1..99");
        assertThatThrownBy(() -> control.elevate(0, SchedPolicy.RR, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority 100 is outside SCHED_RR's range 1..99");
        assertThatThrownBy(() -> control.elevate(0, SchedPolicy.IDLE, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was IDLE");
        assertThatThrownBy(() -> control.lower(0, -21)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nice -21");
        assertThatThrownBy(() -> control.pin(0, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> control.pin(0, Set.of(1, -2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU -2");
        assertThatThrownBy(() -> control.pin(0, Set.of(1, 9))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 9 is not online").hasMessageContaining("online CPUs 0-3");
        assertThatThrownBy(() -> control.setTimerSlack(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5 ns");
        assertThatThrownBy(() -> control.setupRealtimeThread(0)).isInstanceOf(IllegalArgumentException.class);

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
    void the_real_time_setup_takes_the_lowest_cpu_of_the_process_and_the_background_the_others() {
        backend.processCpus = Set.of(2, 3);

        ThreadSetup realtime = control.setupRealtimeThread(60);
        ThreadSetup background = control.setupBackgroundWorker();

        assertThat(realtime.priority().method()).isEqualTo(Method.REALTIME_POLICY);
        assertThat(realtime.affinity().value()).contains(Set.of(2));
        assertThat(background.priority().nice()).hasValue(10);
        assertThat(background.affinity().value()).contains(Set.of(3));
        assertThat(backend.calls).containsExactly("setScheduler(0, RR, 60)", "setAffinity(0, [2])",
                "setNice(0, 10)", "setScheduler(0, OTHER, 0)", "setAffinity(0, [3])");
        assertThat(control.backgroundCpus()).containsExactly(3);
    }

    @Test
    void real_time_threads_spread_over_the_isolated_cpus_and_the_background_keeps_the_others() {
        backend.processCpus = Set.of(0, 1);
        backend.isolated = Set.of(2, 3);

        List<Set<Integer>> pinned = new ArrayList<>();
        for (int thread = 0; thread < 3; thread++) {
            pinned.add(control.setupRealtimeThread(60).affinity().value().orElseThrow());
        }

        assertThat(pinned).containsExactly(Set.of(2), Set.of(3), Set.of(2));
        assertThat(control.backgroundCpus()).containsExactly(0, 1);
        assertThat(control.setupBackgroundWorker().affinity().value()).contains(Set.of(0, 1));
    }

    @Test
    void isolated_cpus_that_are_offline_are_passed_over() {
        backend.online = Set.of(0, 1, 2);
        backend.processCpus = Set.of(0, 1);
        backend.isolated = Set.of(3);

        assertThat(control.setupRealtimeThread(60).affinity().value()).contains(Set.of(0));
        assertThat(control.backgroundCpus()).containsExactly(1);
    }

    @Test
    void on_one_cpu_nothing_is_pinned_and_the_setup_says_why() {
        backend.processCpus = Set.of(0);

        ThreadSetup setup = control.setupRealtimeThread(60);

        assertThat(setup.affinity().applied()).isFalse();
        assertThat(setup.affinity().notAppliedReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("one CPU"));
        assertThat(control.backgroundCpus()).isEmpty();
        assertThat(backend.calls).noneMatch(call -> call.startsWith("setAffinity"));
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
        control.elevate(0, SchedPolicy.FIFO, 10);

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
    void the_readers_pass_the_backends_values_through() {
        assertThat(control.threadId()).hasValue(7);
        assertThat(control.policy(0)).contains(SchedPolicy.OTHER);
        assertThat(control.priority(0)).hasValue(0);
        assertThat(control.nice(0)).hasValue(0);
        assertThat(control.affinity(0)).contains(Set.of(0, 1, 2, 3));
        assertThat(control.timerSlack()).hasValue(50_000);
        backend.isolated = Set.of(3);
        assertThat(control.isolatedCpus()).containsExactly(3);
        assertThat(control.currentCpu()).isPresent();
    }

    @Test
    void without_real_time_support_every_call_is_a_no_op_that_says_why() {
        RealtimeControl unsupported = new RealtimeControl(new UnsupportedRealtime("this is Plan 9"), 1);

        assertThat(unsupported.elevate(0, SchedPolicy.FIFO, 80).reason()).contains("this is Plan 9");
        assertThat(unsupported.elevate(0, SchedPolicy.FIFO, 80).method()).isEqualTo(Method.NONE);
        assertThat(unsupported.lower(0, 10).applied()).isFalse();
        assertThat(unsupported.pin(0, Set.of(0)).notAppliedReason()).contains("this is Plan 9");
        assertThat(unsupported.setupRealtimeThread(50).affinity().applied()).isFalse();
        assertThat(unsupported.setupBackgroundWorker().priority().applied()).isFalse();
        assertThat(unsupported.lockMemory().applied()).isFalse();
        assertThat(unsupported.unlockMemory().applied()).isFalse();
        assertThat(unsupported.setTimerSlack(10).applied()).isFalse();
        assertThat(unsupported.currentCpu()).isEmpty();
        assertThat(unsupported.backgroundCpus()).isEmpty();
        assertThat(unsupported.isolatedCpus()).isEmpty();
        assertThat(unsupported.threadId()).isEmpty();
        assertThat(unsupported.policy(0)).isEmpty();
        assertThat(unsupported.priority(0)).isEmpty();
        assertThat(unsupported.nice(0)).isEmpty();
        assertThat(unsupported.affinity(0)).isEmpty();
        assertThat(unsupported.timerSlack()).isEmpty();
    }

    @Test
    void setting_deadline_makes_one_call_and_reads_the_parameters_back() {
        DeadlineParameters wanted = DeadlineParameters.ofNanos(200_000, 1_000_000, 1_000_000);

        Outcome<DeadlineParameters> set = control.setDeadline(wanted);

        assertThat(backend.calls).containsExactly("setDeadline(0, " + wanted + ")");
        assertThat(set.applied()).isTrue();
        assertThat(set.value()).contains(wanted);
        assertThat(control.policy(0)).contains(SchedPolicy.DEADLINE);
        assertThat(DeadlineThreads.isCurrent()).isTrue();
        control.lower(0, 0);
        assertThat(DeadlineThreads.isCurrent()).as("forgotten when the thread leaves the policy").isFalse();
        assertThat(backend.policy).isEqualTo(SchedPolicy.OTHER);
    }

    @Test
    void each_refusal_of_the_kernel_becomes_a_reason_with_its_errno() {
        for (Errno errno : new Errno[] {Errno.EBUSY, Errno.EPERM, Errno.EINVAL}) {
            backend.failures.put("setDeadline", errno);

            Outcome<DeadlineParameters> refused = control.setDeadline(DeadlineParameters.ofNanos(2_000, 3_000,
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

        assertThatThrownBy(() -> control.setDeadline(DeadlineParameters.ofNanos(2_000, 3_000, 4_000)))
                .isInstanceOf(LowLatencyException.class).hasMessageContaining("EFAULT");
    }

    @Test
    void without_real_time_support_setting_deadline_says_why() {
        RealtimeControl none = new RealtimeControl(new UnsupportedRealtime("not Linux"), 1);

        Outcome<DeadlineParameters> set = none.setDeadline(DeadlineParameters.ofNanos(2_000, 3_000, 4_000));

        assertThat(set.applied()).isFalse();
        assertThat(set.notAppliedReason()).contains("not Linux");
        assertThat(none.deadlineParameters(0)).isEmpty();
    }
}
