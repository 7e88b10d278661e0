package io.github.lllqos.contract;

import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** How the reservation contract suite behaves where its kernel is missing. */
class CpuReservationContractTest {

    @Test
    void where_the_kernel_is_missing_every_test_is_skipped_and_none_fails() {
        SuiteRun.assertEveryTestSkipped(WithoutKernel.class);
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
