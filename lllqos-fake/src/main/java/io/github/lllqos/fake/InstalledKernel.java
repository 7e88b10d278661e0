package io.github.lllqos.fake;

import java.util.Objects;

/**
 * The simulated kernel the {@code fake} provider places leases in. Tests replace it to start from a clean kernel
 * ({@link io.github.lllqos.fake.junit.SimulatedKernelExtension} does that for each test).
 */
public final class InstalledKernel {

    private static volatile SimulatedKernel current = new SimulatedKernel();

    private InstalledKernel() {
    }

    /**
     * The kernel new leases go to.
     *
     * @return the installed kernel; a current-profile kernel until another is installed
     */
    public static SimulatedKernel get() {
        return current;
    }

    /**
     * Installs a kernel for new leases; leases already held stay in the kernel they were placed in.
     *
     * @param kernel the kernel to use from now on
     * @return the kernel installed before, to restore later
     */
    public static synchronized SimulatedKernel install(SimulatedKernel kernel) {
        SimulatedKernel previous = current;
        current = Objects.requireNonNull(kernel, "kernel");
        return previous;
    }
}
