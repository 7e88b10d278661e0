package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.realtime.PriorityChange.Method;
import io.github.lllqos.spi.support.UnsupportedRealtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Real-time and background threads: their priority and the CPUs they are pinned to. */
class ThreadRolesTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final ThreadRoles roles = new RealtimeControl(backend, RecordingBackend.PID).roles();

    @Test
    void the_real_time_setup_takes_the_lowest_cpu_of_the_process_and_the_background_the_others() {
        backend.processCpus = Set.of(2, 3);

        ThreadSetup realtime = roles.setupRealtimeThread(60);
        ThreadSetup background = roles.setupBackgroundWorker();

        assertThat(realtime.priority().method()).isEqualTo(Method.REALTIME_POLICY);
        assertThat(realtime.affinity().value()).contains(Set.of(2));
        assertThat(background.priority().nice()).hasValue(10);
        assertThat(background.affinity().value()).contains(Set.of(3));
        assertThat(backend.calls).containsExactly("setScheduler(0, RR, 60)", "setAffinity(0, [2])",
                "setNice(0, 10)", "setScheduler(0, OTHER, 0)", "setAffinity(0, [3])");
        assertThat(roles.backgroundCpus()).containsExactly(3);
    }

    @Test
    void real_time_threads_spread_over_the_isolated_cpus_and_the_background_keeps_the_others() {
        backend.processCpus = Set.of(0, 1);
        backend.isolated = Set.of(2, 3);

        List<Set<Integer>> pinned = new ArrayList<>();
        for (int thread = 0; thread < 3; thread++) {
            pinned.add(roles.setupRealtimeThread(60).affinity().value().orElseThrow());
        }

        assertThat(pinned).containsExactly(Set.of(2), Set.of(3), Set.of(2));
        assertThat(roles.backgroundCpus()).containsExactly(0, 1);
        assertThat(roles.setupBackgroundWorker().affinity().value()).contains(Set.of(0, 1));
    }

    @Test
    void isolated_cpus_outside_the_cpuset_are_passed_over_and_those_inside_it_are_used() {
        backend.processCpus = Set.of(0, 1);
        backend.isolated = Set.of(2, 3);
        ThreadRoles inContainer = new RealtimeControl(backend, RecordingBackend.PID, () -> Optional.of(Set.of(0, 1)))
                .roles();
        ThreadRoles inPod = new RealtimeControl(backend, RecordingBackend.PID,
                () -> Optional.of(Set.of(0, 1, 3))).roles();

        assertThat(inContainer.setupRealtimeThread(60).affinity().value()).contains(Set.of(0));
        assertThat(inContainer.backgroundCpus()).containsExactly(1);
        assertThat(inPod.setupRealtimeThread(60).affinity().value()).contains(Set.of(3));
        assertThat(inPod.backgroundCpus()).containsExactly(0, 1);
    }

    @Test
    void isolated_cpus_that_are_offline_are_passed_over() {
        backend.online = Set.of(0, 1, 2);
        backend.processCpus = Set.of(0, 1);
        backend.isolated = Set.of(3);

        assertThat(roles.setupRealtimeThread(60).affinity().value()).contains(Set.of(0));
        assertThat(roles.backgroundCpus()).containsExactly(1);
    }

    @Test
    void on_one_cpu_nothing_is_pinned_and_the_setup_says_why() {
        backend.processCpus = Set.of(0);

        ThreadSetup setup = roles.setupRealtimeThread(60);

        assertThat(setup.affinity().applied()).isFalse();
        assertThat(setup.affinity().notAppliedReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("one CPU"));
        assertThat(roles.backgroundCpus()).isEmpty();
        assertThat(backend.calls).noneMatch(call -> call.startsWith("setAffinity"));
    }

    @Test
    void an_invalid_priority_sets_nothing_up() {
        assertThatThrownBy(() -> roles.setupRealtimeThread(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority 0");

        assertThat(backend.calls).isEmpty();
    }

    @Test
    void without_real_time_support_no_role_is_set_up_and_there_are_no_background_cpus() {
        ThreadRoles none = new RealtimeControl(new UnsupportedRealtime("this is Plan 9"), 1).roles();

        assertThat(none.setupRealtimeThread(50).affinity().notAppliedReason()).contains("this is Plan 9");
        assertThat(none.setupRealtimeThread(50).priority().applied()).isFalse();
        assertThat(none.setupBackgroundWorker().priority().applied()).isFalse();
        assertThat(none.setupBackgroundWorker().affinity().applied()).isFalse();
        assertThat(none.backgroundCpus()).isEmpty();
    }
}
