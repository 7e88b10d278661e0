package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 2: the host's value is the minimum over the requests of all containers. */
@ExtendWith(HostBaseline.class)
class MinAggregationIT {

    @RegisterExtension
    final Containers containers = new Containers();

    @Test
    void two_containers_at_10_and_5_give_5_and_stopping_the_5_gives_10() throws Exception {
        int before = Scenarios.hostValueAbove(10);
        LeaseContainer ten = containers.start(ContainerSpec.holding(10));
        HostCpuLatency.awaitEffective(10, LeaseContainer.STEP_TIMEOUT, ten::logs);

        LeaseContainer five = containers.start(ContainerSpec.holding(5));
        HostCpuLatency.awaitEffective(5, LeaseContainer.STEP_TIMEOUT, five::logs);
        assertThat(HostCpuLatency.holders()).contains(ten.hostPid(), five.hostPid());

        five.stop();
        HostCpuLatency.awaitEffective(10, LeaseContainer.STEP_TIMEOUT, ten::logs);

        ten.stop();
        HostCpuLatency.awaitBackTo(before, LeaseContainer.STEP_TIMEOUT, ten::logs);
    }
}
