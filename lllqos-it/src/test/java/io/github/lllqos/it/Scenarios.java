package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

/** Preconditions shared by the scenarios. */
final class Scenarios {

    private Scenarios() {
    }

    /**
     * The host's effective value now, checked to be above {@code target} so that a request at {@code target}
     * visibly lowers it.
     *
     * @throws AssertionError naming the device's holders when another request already holds the value lower
     */
    static int hostValueAbove(int target) {
        int value = HostCpuLatency.effective();
        assertThat(value).as("the host's effective CPU latency before the test must be above " + target
                + " µs for the test to see its request; processes holding the device: " + HostCpuLatency.holders())
                .isGreaterThan(target);
        return value;
    }
}
