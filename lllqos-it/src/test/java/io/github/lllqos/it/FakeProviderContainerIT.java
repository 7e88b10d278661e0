package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 8: the simulated kernel, selected with {@code -Dlllqos.provider=fake} in a container without the device,
 * answers the same sequence of lease calls as the real kernel does in a container with the device.
 */
@ExtendWith(HostBaseline.class)
class FakeProviderContainerIT {

    private static final int START = 40;
    private static final int LOWER = 12;
    private static final int HIGHER = 60;

    @RegisterExtension
    final Containers containers = new Containers();

    @Test
    void leases_on_the_fake_provider_without_a_device_behave_as_on_the_real_kernel() throws Exception {
        int before = Scenarios.hostValueAbove(HIGHER);

        LeaseContainer fake = containers.start(ContainerSpec.holding(START).withoutDevice().withFakeProvider());
        List<StateLine> simulated = drive(fake, true);
        fake.send("stop");
        assertThat(fake.awaitStopped()).isZero();

        LeaseContainer real = containers.start(ContainerSpec.holding(START));
        List<StateLine> kernel = drive(real, false);

        assertThat(simulated).extracting(StateLine::provider).containsOnly("fake");
        assertThat(kernel).extracting(StateLine::provider).containsOnly("linux");
        assertThat(observed(simulated)).as("the fake's answers, beside the real kernel's:\n%s\n%s",
                fake.logs(), real.logs()).isEqualTo(observed(kernel));
        assertThat(simulated.get(3).effective()).as("the simulated limit once nothing is requested")
                .hasValue(HostCpuLatency.NO_CONSTRAINT);
        assertThat(HostCpuLatency.isBack(kernel.get(3).effective().orElseThrow(), before))
                .as("the real limit once the container's request is closed (%s µs) is back at %s µs",
                        kernel.get(3).effective(), before)
                .isTrue();
    }

    /**
     * Runs start, update to {@value #LOWER}, update to {@value #HIGHER}, close; with {@code simulated}, checks after
     * each step that the container holds no request on the host.
     */
    private static List<StateLine> drive(LeaseContainer container, boolean simulated) throws Exception {
        List<StateLine> lines = new ArrayList<>();
        lines.add(container.startState());
        checkHost(container, simulated);
        for (int target : new int[] {LOWER, HIGHER}) {
            container.send("update " + target);
            lines.add(container.awaitState("updated", LeaseContainer.STEP_TIMEOUT));
            checkHost(container, simulated);
        }
        container.send("close");
        lines.add(container.awaitState("closed", LeaseContainer.STEP_TIMEOUT));
        checkHost(container, simulated);
        return lines;
    }

    private static void checkHost(LeaseContainer container, boolean simulated) {
        if (simulated) {
            HostCpuLatency.assertNoRequestFrom(container.hostPid(), container.name());
        }
    }

    /** What must agree: the event, whether the lease is held, its target, and the limit while it is held. */
    private static List<String> observed(List<StateLine> lines) {
        List<String> observed = new ArrayList<>();
        for (StateLine line : lines) {
            observed.add(line.event() + " acquired=" + line.acquired() + " target=" + line.target()
                    + (line.acquired() ? " effective=" + line.effective() : ""));
        }
        return observed;
    }
}
