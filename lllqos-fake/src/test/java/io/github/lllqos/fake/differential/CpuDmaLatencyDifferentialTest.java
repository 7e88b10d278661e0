package io.github.lllqos.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.fake.property.OperationSequence;
import io.github.lllqos.fake.property.PropertyRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The judge of the simulation's fidelity: generated sequences of system calls on the real
 * {@code /dev/cpu_dma_latency} and on the simulated one give the same results, byte for byte and errno for errno.
 *
 * <p>Other processes may hold requests on the real device, and on shared build machines they come and go. The
 * simulated kernel of each sequence therefore holds one kernel-side request at the real baseline read just before
 * the sequence when any other process holds the device open (even a request at the default caps a write of
 * 0x7fffffff; finding such holders reads other processes' {@code /proc/PID/fd}, which needs root, as CI runs), so
 * both sides compute the same minimum. If another process changes its request during a sequence,
 * the two sides differ for a reason that is not the simulation's: a mismatching sequence is run again, from a
 * freshly read baseline after a pause, and only a sequence that mismatches {@value #ATTEMPTS} times in a row fails
 * the test. (Comparing the baseline before and after a sequence does not tell such noise apart: another test's
 * lease may come and go within it.)
 * QuickTheories then shrinks it to a short sequence that still differs, and the failure gives the seed
 * ({@code -DQT_SEED=...} reruns it).
 */
class CpuDmaLatencyDifferentialTest {

    private static final int SEQUENCES = 400;
    private static final int LENGTH = 24;
    private static final int ATTEMPTS = 5;
    /**
     * Every shrink candidate makes real system calls, and a failing one is run {@value #ATTEMPTS} times with pauses:
     * far fewer cycles than the simulation-only properties get.
     */
    private static final int SHRINK_CYCLES = 2_000;

    @Test
    void generated_call_sequences_give_the_same_results_on_the_real_device_and_the_simulation() {
        RealEnvironment.requireCpuDmaLatency();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger sequences = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        PropertyRuns.qt(SEQUENCES, SHRINK_CYCLES).forAll(OperationSequence.of(SystemCallPlanner::new, 3 * LENGTH + 8))
                .checkAssert(sequence -> {
                    sequences.incrementAndGet();
                    String mismatch = null;
                    for (int attempt = 1; attempt <= ATTEMPTS && (attempt == 1 || mismatch != null); attempt++) {
                        if (attempt > 1) {
                            retried.incrementAndGet();
                            pause(100L * attempt);
                        }
                        mismatch = compare(sequence.steps());
                        calls.addAndGet(sequence.steps().size());
                    }
                    if (mismatch != null) {
                        fail("the real device and the simulation differ on every one of " + ATTEMPTS
                                + " attempts:\n" + mismatch);
                    }
                });
        assertThat(calls.get()).as("system calls compared").isGreaterThanOrEqualTo(SEQUENCES * LENGTH);
        System.out.println("differential: " + calls + " calls in " + sequences + " sequences agreed ("
                + retried + " attempts repeated)");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }

    /** Runs one sequence on both sides, from a freshly read baseline; null when they agree, else the transcript. */
    private static String compare(List<SystemCall> calls) {
        int baseline = RealCpuDmaLatency.baseline();
        boolean held = baseline != 2_000_000_000 || RealCpuDmaLatency.held();
        return firstDifference(calls, baseline, held);
    }

    /** The transcript up to the first call whose outcomes differ, or null when all agree. */
    private static String firstDifference(List<SystemCall> calls, int baseline, boolean held) {
        List<String> transcript = new ArrayList<>();
        try (RealCpuDmaLatency real = new RealCpuDmaLatency();
             SimulatedCpuDmaLatency simulated = new SimulatedCpuDmaLatency(baseline, held)) {
            transcript.add("baseline " + baseline + (held ? ", held by other processes" : ", no other holder"));
            for (SystemCall call : calls) {
                String onReal = call.applyTo(real);
                String onSimulation = call.applyTo(simulated);
                if (!onReal.equals(onSimulation)) {
                    transcript.add(call + " -> real: " + onReal + ", simulated: " + onSimulation + "  <-- differs");
                    return String.join("\n", transcript);
                }
                transcript.add(call + " -> " + onReal);
            }
        }
        return null;
    }
}
