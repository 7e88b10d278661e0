package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 5: with the device but no right to write it, the lease is not acquired, with the reason. */
@ExtendWith(HostBaseline.class)
class ContainerWithoutPermissionIT {

    @RegisterExtension
    final Containers containers = new Containers();

    @Test
    void a_read_only_device_gives_no_lease_and_the_reason_names_the_refused_open() throws Exception {
        LeaseContainer container = containers.start(ContainerSpec.holding(9).withReadOnlyDevice());

        StateLine start = container.startState();
        assertThat(start.acquired()).isFalse();
        assertThat(start.reason()).contains("open(/dev/cpu_dma_latency, O_RDWR) failed: EPERM",
                "device cgroup", "not --device /dev/cpu_dma_latency:r");
        assertThat(start.effective()).as("reading the limit needs only read access").isPresent();
        assertThat(start.effective().getAsInt()).as("the kernel's value, without this container's request")
                .isNotEqualTo(9);
        assertProgramRunsOnWithoutARequest(container);
    }

    @Test
    void a_user_other_than_root_gives_no_lease_and_the_reason_says_who_may_open_the_device() throws Exception {
        LeaseContainer container = containers.start(ContainerSpec.holding(9).asUser("65534:65534"));

        StateLine start = container.startState();
        assertThat(start.acquired()).isFalse();
        assertThat(start.reason()).contains("failed: EACCES", "runs as user nobody", "Run as root");
        assertProgramRunsOnWithoutARequest(container);
    }

    private static void assertProgramRunsOnWithoutARequest(LeaseContainer container) throws Exception {
        HostCpuLatency.assertNoRequestFrom(container.hostPid(), container.name());
        container.send("update 3");
        StateLine updated = container.awaitState("updated", LeaseContainer.STEP_TIMEOUT);
        assertThat(updated.acquired()).isFalse();
        assertThat(updated.target()).isEqualTo(3);
        assertThat(container.running()).as("the program runs on without its lease").isTrue();
        HostCpuLatency.assertNoRequestFrom(container.hostPid(), container.name());
    }
}
