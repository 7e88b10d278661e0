package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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

    @BeforeEach
    void require_the_device() {
        RealEnvironment.requireCpuDmaLatency();
    }

    @Test
    void leases_on_the_fake_provider_without_a_device_behave_as_on_the_real_kernel() throws Exception {
        int before = Scenarios.hostValueAbove(HIGHER);

        LeaseContainer fake = containers.start(ContainerSpec.holding(START).withoutDevice().withFakeProvider());
        List<StateLine> simulated = drive(fake, before);
        fake.send("stop");
        assertThat(fake.awaitStopped()).isZero();

        LeaseContainer real = containers.start(ContainerSpec.holding(START));
        List<StateLine> kernel = drive(real, -1);

        assertThat(simulated).extracting(StateLine::provider).containsOnly("fake");
        assertThat(kernel).extracting(StateLine::provider).containsOnly("linux");
        assertThat(observed(simulated)).as("the fake's answers, beside the real kernel's:\n%s\n%s",
                fake.logs(), real.logs()).isEqualTo(observed(kernel));
        assertThat(simulated.get(3).effective()).as("the simulated limit once nothing is requested")
                .hasValue(HostCpuLatency.NO_CONSTRAINT);
        assertThat(kernel.get(3).effective()).as("the real limit once the container's request is closed")
                .hasValue(before);
    }

    /**
     * Runs start, update to {@value #LOWER}, update to {@value #HIGHER}, close; checks that the host's value stays at
     * {@code hostUnchanged} throughout (-1: not checked, the container holds a real request).
     */
    private static List<StateLine> drive(LeaseContainer container, int hostUnchanged) throws Exception {
        List<StateLine> lines = new ArrayList<>();
        lines.add(container.startState());
        checkHost(hostUnchanged);
        for (int target : new int[] {LOWER, HIGHER}) {
            container.send("update " + target);
            lines.add(container.awaitState("updated", LeaseContainer.STEP_TIMEOUT));
            checkHost(hostUnchanged);
        }
        container.send("close");
        lines.add(container.awaitState("closed", LeaseContainer.STEP_TIMEOUT));
        checkHost(hostUnchanged);
        return lines;
    }

    private static void checkHost(int unchanged) {
        if (unchanged >= 0) {
            assertThat(HostCpuLatency.effective()).as("the host's value while only the fake holds requests")
                    .isEqualTo(unchanged);
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
