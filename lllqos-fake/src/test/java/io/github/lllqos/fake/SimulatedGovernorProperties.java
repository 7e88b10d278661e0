package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.cpuidle.IdleState;
import io.github.lllqos.cpuidle.ResumeLatency;
import io.github.lllqos.cpuidle.ResumeLatencyLease;
import io.github.lllqos.fake.property.PropertyRuns;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The API's {@link IdleState#blockedBy(int)}, fed with {@link ResumeLatency#governorLimitMicros(int)}, agrees with
 * the state the simulated governor enters: the deepest one neither blocked nor disabled.
 */
class SimulatedGovernorProperties {

    private static final CpuidleDriver DRIVER = CpuidleDriver.INTEL_IDLE;

    /**
     * 0 to 200 µs, and half the time one at or next to a state's exit latency, where the state turns from allowed
     * to blocked: uniform draws give each of those values once in 201.
     */
    private static final Gen<Integer> MICROS = Generate.oneOf(integers().between(0, 200),
            arbitrary().pick(DRIVER.states().stream().map(CpuidleDriver.State::exitLatencyMicros)
                    .flatMap(exit -> Stream.of(exit - 1, exit, exit + 1)).filter(micros -> micros >= 0).distinct()
                    .collect(Collectors.toList())));

    @Test
    void the_governor_enters_the_deepest_state_the_api_does_not_call_blocked() {
        PropertyRuns.qt(1000).forAll(MICROS, MICROS, MICROS)
                .checkAssert(SimulatedGovernorProperties::governorAgreesWithTheApi);
    }

    private static void governorAgreesWithTheApi(int cpuLatencyMicros, int resumeLatencyMicros,
                                                 int disableDeeperThan) {
        SimulatedKernel kernel = new SimulatedKernel(KernelProfile.CURRENT, 1, DRIVER);
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
