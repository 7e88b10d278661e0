package io.github.lllqos.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** How the reservation contract suite behaves where its kernel is missing. */
class CpuReservationContractTest {

    @Test
    void where_the_kernel_is_missing_every_test_is_skipped_and_none_fails() {
        TestExecutionSummary summary = SuiteRun.run(WithoutKernel.class);

        assertThat(summary.getFailures()).as("failures").isEmpty();
        assertThat(summary.getTestsStartedCount()).isPositive();
        assertThat(summary.getTestsAbortedCount()).isEqualTo(summary.getTestsStartedCount());
    }

    /** A provider module on a machine without its kernel: every use of the kernel would throw. */
    static class WithoutKernel extends CpuReservationContract {

        @Override
        protected String expectedProviderName() {
            return "absent";
        }

        @Override
        protected void prepareKernel() {
            Assumptions.abort("the kernel of this test is missing");
        }

        @Override
        protected Set<Integer> kernelAffinityOfThisThread() {
            throw new AssertionError("read the affinity from a kernel that is missing");
        }

        @Override
        protected OtherHolder holdInAnotherProcess(int cpu) {
            throw new AssertionError("held a CPU in a kernel that is missing");
        }

        @Override
        protected void restoreKernel() {
            throw new AssertionError("restored a kernel that was never prepared");
        }
    }
}
