package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import io.github.lllqos.fake.junit.WithKernelProfile;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test gets a fresh installed kernel, injected on request, and the previous one comes back afterwards. */
@ExtendWith(SimulatedKernelExtension.class)
class SimulatedKernelExtensionTest {

    private static final Set<SimulatedKernel> SEEN = new HashSet<>();
    private static SimulatedKernel before;

    @BeforeAll
    static void rememberTheKernelBeforeTheClass() {
        before = InstalledKernel.get();
    }

    @AfterAll
    static void theKernelBeforeTheClassIsBack() {
        assertThat(InstalledKernel.get()).isSameAs(before);
        assertThat(SEEN).hasSize(3);
    }

    @RepeatedTest(3)
    void each_test_gets_its_own_installed_kernel(SimulatedKernel kernel) throws Exception {
        assertThat(kernel).isSameAs(InstalledKernel.get()).isNotSameAs(before);
        assertThat(SEEN.add(kernel)).isTrue();
        assertThat(kernel.profile()).isEqualTo(KernelProfile.CURRENT);
        kernel.cpuDmaLatency().open().close();
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
    }

    @Nested
    @WithKernelProfile(KernelProfile.NEGATIVES_INSERTED)
    class AProfileOnTheClass {

        @Test
        void applies_to_its_tests(SimulatedKernel kernel) {
            assertThat(kernel.profile()).isEqualTo(KernelProfile.NEGATIVES_INSERTED);
        }

        @Test
        @WithKernelProfile(KernelProfile.WRITES_IGNORED)
        void yields_to_one_on_the_method(SimulatedKernel kernel) {
            assertThat(kernel.profile()).isEqualTo(KernelProfile.WRITES_IGNORED);
        }
    }
}
