package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 4: without the device the lease is not acquired, says to pass it, and the program runs on. */
@ExtendWith(HostBaseline.class)
class ContainerWithoutDeviceIT {

    @RegisterExtension
    final Containers containers = new Containers();

    @Test
    void the_lease_is_not_acquired_and_the_reason_says_to_pass_the_device() throws Exception {
        LeaseContainer container = containers.start(ContainerSpec.holding(15).withoutDevice());

        StateLine start = container.startState();
        assertThat(start.acquired()).isFalse();
        assertThat(start.reason()).contains("--device /dev/cpu_dma_latency");
        assertThat(start.effective()).as("the limit cannot be read without the device").isEmpty();
        HostCpuLatency.assertNoRequestFrom(container.hostPid(), container.name());

        container.send("update 7");
        StateLine updated = container.awaitState("updated", LeaseContainer.STEP_TIMEOUT);
        assertThat(updated.acquired()).isFalse();
        assertThat(updated.target()).isEqualTo(7);
        assertThat(container.running()).as("the program runs on without its lease").isTrue();
        HostCpuLatency.assertNoRequestFrom(container.hostPid(), container.name());

        container.send("stop");
        assertThat(container.awaitStopped()).as("exit code of a normal stop").isZero();
    }
}
