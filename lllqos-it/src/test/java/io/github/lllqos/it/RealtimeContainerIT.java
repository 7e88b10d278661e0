package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 7: real-time priority in a container through {@code Realtime.elevatePriority}, checked against the
 * host's {@code /proc}. With {@code --cap-add SYS_NICE} the kernel grants it where the container's cgroup has
 * real-time runtime (under cgroup v1 real-time group scheduling Docker gives none by default); without the
 * capability the program falls back and says why.
 */
@ExtendWith(HostBaseline.class)
class RealtimeContainerIT {

    private static final int PRIORITY = 50;
    /** Real-time runtime per 1 s period for Docker's parent cgroup and for the container, µs. */
    private static final long PARENT_RUNTIME = 100_000;
    private static final long CONTAINER_RUNTIME = 50_000;

    @RegisterExtension
    final Containers containers = new Containers();

    @Test
    void with_sys_nice_and_real_time_runtime_a_container_thread_runs_sched_fifo_as_the_host_sees() throws Exception {
        DockerRtBudget budget = DockerRtBudget.groupScheduled() ? DockerRtBudget.grant(PARENT_RUNTIME) : null;
        try {
            ContainerSpec spec = ContainerSpec.holding(0).withoutDevice();
            LeaseContainer container = containers.start(budget == null ? spec
                    : spec.withCpuRtRuntime(CONTAINER_RUNTIME));

            RealtimeLine elevated = elevate(container);

            assertThat(elevated.method()).as(container.logs()).startsWith("REALTIME_POLICY");
            assertThat(elevated.policy()).isEqualTo("FIFO");
            assertThat(elevated.priority()).hasValue(PRIORITY);
            assertThat(HostScheduling.ofThread(container.hostPid(), elevated.tid()))
                    .as("the thread's scheduling in the host's /proc")
                    .extracting(HostScheduling.Scheduling::policy, HostScheduling.Scheduling::rtPriority)
                    .containsExactly(HostScheduling.SCHED_FIFO, PRIORITY);
        } finally {
            containers.removeAll(); // before the parent cgroup's runtime is given back
            if (budget != null) {
                budget.close();
            }
        }
    }

    @Test
    void with_sys_nice_alone_a_container_gets_what_its_cgroups_real_time_runtime_allows() throws Exception {
        LeaseContainer container = containers.start(ContainerSpec.holding(0).withoutDevice());
        OptionalLong runtime = DockerRtBudget.runtimeOf(container.hostPid());

        RealtimeLine elevated = elevate(container);
        HostScheduling.Scheduling seen = HostScheduling.ofThread(container.hostPid(), elevated.tid());

        if (runtime.isPresent() && runtime.getAsLong() == 0) {
            assertThat(elevated.method()).as(container.logs()).doesNotStartWith("REALTIME_POLICY");
            assertThat(elevated.reason()).contains("cpu.rt_runtime_us");
            assertThat(seen.policy()).as("the thread's policy in the host's /proc").isEqualTo(HostScheduling.SCHED_OTHER);
            elevated.nice().ifPresent(nice -> assertThat(seen.nice()).as("the fallback's nice value").isEqualTo(nice));
        } else {
            assertThat(elevated.method()).as(container.logs()).startsWith("REALTIME_POLICY");
            assertThat(seen.policy()).isEqualTo(HostScheduling.SCHED_FIFO);
            assertThat(seen.rtPriority()).isEqualTo(PRIORITY);
        }
    }

    @Test
    void without_sys_nice_the_thread_falls_back_and_the_reason_names_the_capability() throws Exception {
        LeaseContainer container = containers.start(ContainerSpec.holding(0).withoutDevice().withoutSysNice());

        RealtimeLine elevated = elevate(container);
        HostScheduling.Scheduling seen = HostScheduling.ofThread(container.hostPid(), elevated.tid());

        assertThat(elevated.method()).as(container.logs()).doesNotStartWith("REALTIME_POLICY");
        assertThat(elevated.reason()).contains("CAP_SYS_NICE", "--cap-add SYS_NICE");
        assertThat(seen.policy()).as("the thread's policy in the host's /proc").isEqualTo(HostScheduling.SCHED_OTHER);
        elevated.nice().ifPresent(nice -> assertThat(seen.nice()).as("the fallback's nice value").isEqualTo(nice));
    }

    private static RealtimeLine elevate(LeaseContainer container) throws Exception {
        container.send("realtime FIFO " + PRIORITY);
        return container.awaitRealtime(LeaseContainer.STEP_TIMEOUT);
    }
}
