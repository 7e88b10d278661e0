package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenarios 1 and 6: a lease held in a container is a request on the host, and follows the container's updates. */
@ExtendWith(HostBaseline.class)
class ContainerLeaseIT {

    @RegisterExtension
    final Containers containers = new Containers();

    @Test
    void a_container_holding_a_lease_lowers_the_hosts_value_until_it_is_stopped() throws Exception {
        int before = Scenarios.hostValueAbove(37);

        LeaseContainer container = containers.start(ContainerSpec.holding(37));

        assertThat(container.startState().acquired()).as(container.logs()).isTrue();
        assertThat(container.startState().provider()).isEqualTo("linux");
        HostCpuLatency.awaitEffective(37, LeaseContainer.STEP_TIMEOUT, container::logs);
        assertThat(HostCpuLatency.holders()).as("processes holding the device").contains(container.hostPid());

        assertThat(container.stop()).as("exit code after docker stop").isIn(0, 143);
        HostCpuLatency.awaitBackTo(before, LeaseContainer.STEP_TIMEOUT, container::logs);
    }

    @Test
    void an_update_inside_a_container_is_seen_from_the_host() throws Exception {
        int before = Scenarios.hostValueAbove(60);
        LeaseContainer container = containers.start(ContainerSpec.holding(40));
        HostCpuLatency.awaitEffective(40, LeaseContainer.STEP_TIMEOUT, container::logs);

        container.send("update 12");
        StateLine lowered = container.awaitState("updated", LeaseContainer.STEP_TIMEOUT);
        assertThat(lowered.acquired()).isTrue();
        assertThat(lowered.target()).isEqualTo(12);
        HostCpuLatency.awaitEffective(12, LeaseContainer.STEP_TIMEOUT, container::logs);

        container.send("update 60");
        container.awaitState("updated", LeaseContainer.STEP_TIMEOUT);
        HostCpuLatency.awaitEffective(60, LeaseContainer.STEP_TIMEOUT, container::logs);

        container.send("close");
        StateLine closed = container.awaitState("closed", LeaseContainer.STEP_TIMEOUT);
        assertThat(closed.acquired()).isFalse();
        HostCpuLatency.awaitBackTo(before, LeaseContainer.STEP_TIMEOUT, container::logs);
        assertThat(container.running()).as("the program runs on after closing its lease").isTrue();
    }
}
