package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.cpuidle.ResumeLatencyLease;
import io.github.lllqos.fake.property.PropertyRuns;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The API's {@link IdleState#blockedBy(int)}, fed with {@link ResumeLatency#governorLimitMicros(int)}, agrees with
 * the state the simulated governor enters: the deepest one neither blocked nor disabled.
 */
class SimulatedGovernorProperties {

    @Test
    void the_governor_enters_the_deepest_state_the_api_does_not_call_blocked() {
        PropertyRuns.qt(1000).forAll(integers().between(0, 200), integers().between(0, 200), integers().between(0, 200))
                .checkAssert(SimulatedGovernorProperties::governorAgreesWithTheApi);
    }

    private static void governorAgreesWithTheApi(int cpuLatencyMicros, int resumeLatencyMicros,
                                                 int disableDeeperThan) {
        SimulatedKernel kernel = new SimulatedKernel(KernelProfile.CURRENT, 1, CpuidleDriver.INTEL_IDLE);
        CpuIdle idle = CpuIdle.of(kernel.cpuSysfs());
        PmQosRequest request = new PmQosRequest();
        kernel.cpuLatencyQos().addRequest(request, cpuLatencyMicros);
        try (ResumeLatencyLease resume = idle.setResumeLatency(List.of(0),
                     ResumeLatency.ofMicros(resumeLatencyMicros));
             var disabled = idle.disableIdleStatesDeeperThan(List.of(0), disableDeeperThan)) {
            int limit = idle.resumeLatency(0).governorLimitMicros(kernel.cpuLatencyQos().limit());
            Optional<IdleState> deepestAllowed = idle.idleStates(0).stream()
                    .filter(state -> !state.blockedBy(limit) && !state.disabled())
                    .reduce((shallower, deeper) -> deeper);

            Optional<SimulatedIdleState> entered = kernel.cpuidle().enterIdle(0);

            assertThat(entered.map(SimulatedIdleState::name))
                    .isEqualTo(Optional.of(deepestAllowed.map(IdleState::name).orElse("POLL")));
        }
    }
}
