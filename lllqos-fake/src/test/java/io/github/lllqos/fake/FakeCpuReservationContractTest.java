package io.github.lllqos.fake;

import io.github.lllqos.contract.CpuReservationContract;
import java.util.Set;

/** The reservation contract on a simulated 2-socket machine of 8 cores with 2 threads each. */
class FakeCpuReservationContractTest extends CpuReservationContract {

    private static final long OTHER_PID = 4242;

    private SimulatedKernel previous;
    private SimulatedKernel kernel;

    @Override
    protected String expectedProviderName() {
        return "fake";
    }

    @Override
    protected void prepareKernel() {
        kernel = new SimulatedKernel(SimulatedTopology.uniform(2, 8, 2));
        previous = InstalledKernel.install(kernel);
    }

    @Override
    protected void restoreKernel() {
        InstalledKernel.install(previous);
    }

    @Override
    protected Set<Integer> kernelAffinityOfThisThread() {
        return kernel.scheduler().thread(Thread.currentThread()).affinity();
    }

    @Override
    protected OtherHolder holdInAnotherProcess(int cpu) {
        kernel.cpuLocks().holdFor(OTHER_PID, "other", cpu);
        return new OtherHolder() {
            @Override
            public long pid() {
                return OTHER_PID;
            }

            @Override
            public void close() {
                kernel.cpuLocks().processDied(OTHER_PID);
            }
        };
    }
}
