package io.github.lllqos.contract;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** How the contract suite behaves where its kernel is missing. */
class CpuLatencyProviderContractTest {

    @Test
    void where_the_kernel_is_missing_every_test_is_skipped_and_none_fails() {
        SuiteRun.assertEveryTestSkipped(WithoutKernel.class);
    }

    /** A provider module on a machine without its kernel: every read of the kernel would throw. */
    static class WithoutKernel extends CpuLatencyProviderContract {

        @Override
        protected String expectedProviderName() {
            return "absent";
        }

        @Override
        protected void requireKernel() {
            Assumptions.abort("the kernel of this test is missing");
        }

        @Override
        protected int kernelEffectiveLimit() {
            throw new AssertionError("read the effective limit of a kernel that is missing");
        }

        @Override
        protected long requestsHeldByThisProcess() {
            throw new AssertionError("counted the requests of a kernel that is missing");
        }
    }
}
