package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 3: the kernel removes the request of a container killed with SIGKILL; nothing leaks. */
@ExtendWith(HostBaseline.class)
class KilledContainerIT {

    @RegisterExtension
    final Containers containers = new Containers();

    @Test
    void the_request_of_a_container_killed_with_sigkill_is_gone() throws Exception {
        int before = Scenarios.hostValueAbove(23);
        LeaseContainer container = containers.start(ContainerSpec.holding(23));
        HostCpuLatency.awaitEffective(23, LeaseContainer.STEP_TIMEOUT, container::logs);
        long pid = container.hostPid();
        assertThat(HostCpuLatency.holders()).contains(pid);

        assertThat(container.kill()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);

        HostCpuLatency.awaitBackTo(before, LeaseContainer.STEP_TIMEOUT, container::logs);
        assertThat(HostCpuLatency.holders()).doesNotContain(pid);
        assertThat(container.logs()).as("the program had no chance to release its lease")
                .doesNotContain("event=closed");
    }
}
