package io.github.lllqos.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.lllqos.contract.RealEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The judge of the simulation's fidelity: random sequences of system calls on the real
 * {@code /dev/cpu_dma_latency} and on the simulated one give the same results, byte for byte and errno for errno.
 *
 * <p>Other processes may hold requests on the real device, and on shared build machines they come and go. The
 * simulated kernel of each sequence therefore holds one kernel-side request at the real baseline read just before
 * the sequence when any other process holds the device open (even a request at the default caps a write of
 * 0x7fffffff; finding such holders reads other processes' {@code /proc/PID/fd}, which needs root, as CI runs), so
 * both sides compute the same minimum. If another process changes its request during a sequence,
 * the two sides differ for a reason that is not the simulation's: a mismatching sequence is run again, from a
 * freshly read baseline, and only a sequence that mismatches {@value #ATTEMPTS} times in a row fails the test.
 */
class CpuDmaLatencyDifferentialTest {

    private static final int SEQUENCES = 400;
    private static final int LENGTH = 24;
    private static final int ATTEMPTS = 5;

    @Test
    void random_call_sequences_give_the_same_results_on_the_real_device_and_the_simulation()
            throws InterruptedException {
        RealEnvironment.requireCpuDmaLatency();
        long seed = Long.getLong("lllqos.differential.seed", System.nanoTime());
        SequenceGenerator generator = new SequenceGenerator(seed);
        int calls = 0;
        int retried = 0;
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            List<Operation> operations = generator.next(LENGTH);
            String mismatch = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                mismatch = compare(operations);
                calls += operations.size();
                if (mismatch == null) {
                    break;
                }
                retried++;
                Thread.sleep(100L * attempt);
            }
            if (mismatch != null) {
                fail("sequence " + sequence + " of seed " + seed + " (rerun with -Dlllqos.differential.seed="
                        + seed + ") differs on every attempt:\n" + mismatch);
            }
        }
        assertThat(calls).as("system calls compared").isGreaterThanOrEqualTo(SEQUENCES * LENGTH);
        System.out.println("differential: " + calls + " calls in " + SEQUENCES + " sequences agreed (seed " + seed
                + ", " + retried + " attempts repeated)");
    }

    /** Runs one sequence on both sides; returns null when they agree, else the transcript up to the difference. */
    private static String compare(List<Operation> operations) {
        int baseline = RealCpuDmaLatency.baseline();
        boolean held = baseline != 2_000_000_000 || RealCpuDmaLatency.held();
        List<String> transcript = new ArrayList<>();
        try (RealCpuDmaLatency real = new RealCpuDmaLatency();
             SimulatedCpuDmaLatency simulated = new SimulatedCpuDmaLatency(baseline, held)) {
            transcript.add("baseline " + baseline + (held ? ", held by other processes" : ", no other holder"));
            for (Operation operation : operations) {
                String onReal = operation.applyTo(real);
                String onSimulation = operation.applyTo(simulated);
                if (!onReal.equals(onSimulation)) {
                    transcript.add(operation + " -> real: " + onReal + ", simulated: " + onSimulation + "  <-- differs");
                    return String.join("\n", transcript);
                }
                transcript.add(operation + " -> " + onReal);
            }
        }
        return null;
    }
}
