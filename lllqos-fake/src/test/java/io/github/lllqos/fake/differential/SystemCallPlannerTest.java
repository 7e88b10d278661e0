package io.github.lllqos.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.github.lllqos.fake.PmQos;
import io.github.lllqos.fake.property.OperationSequence;
import io.github.lllqos.fake.property.PropertyRuns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The differential test's planner, on the simulation only: what it plans for a seed, that every call it plans is
 * one the device may be given, and that a failure shrinks both the sequence and the arguments of its calls.
 */
class SystemCallPlannerTest {

    private static final long SEED = 7_302_117L;
    private static final Gen<OperationSequence<SystemCall>> SEQUENCES = OperationSequence.of(SystemCallPlanner::new,
            80);
    /** {@link SystemCallPlanner#finish()} closes every open descriptor, then opens, preads and closes one more. */
    private static final int CLOSING_READ = 3;

    @Test
    void a_seed_plans_the_same_sequences_every_time_and_another_seed_others() {
        List<String> planned = planned(SEED);

        assertThat(planned).hasSizeGreaterThan(40).isEqualTo(planned(SEED)).isNotEqualTo(planned(SEED + 1));
    }

    @Test
    void every_call_is_on_an_open_descriptor_and_a_sequence_ends_with_every_one_closed() {
        PropertyRuns.qt(300).forAll(SEQUENCES).checkAssert(sequence -> {
            Set<Integer> open = new HashSet<>();
            int opened = 0;
            for (SystemCall call : sequence.steps()) {
                if (call instanceof SystemCall.Open) {
                    assertThat(call.handle()).as("handle of %s", call).isEqualTo(opened++);
                    open.add(call.handle());
                } else {
                    assertThat(open).as("descriptors open at %s", call).contains(call.handle());
                    if (call instanceof SystemCall.Close) {
                        open.remove(call.handle());
                    }
                }
            }
            assertThat(open).as("descriptors left open").isEmpty();
            List<SystemCall> closing = sequence.steps().subList(sequence.steps().size() - CLOSING_READ,
                    sequence.steps().size());
            assertThat(closing.get(0)).isEqualTo(new SystemCall.Open(opened - 1, DeviceUnderTest.Mode.O_RDONLY));
            assertThat(closing.get(1)).isEqualTo(new SystemCall.Pread(opened - 1, 8, 0));
        });
    }

    /**
     * A deliberately false property, that the device takes no write but a binary one, fails on the first hex string
     * it takes; shrinking leaves one open and one write of a single hex digit, as short as such a write can be.
     */
    @Test
    void a_failure_shrinks_to_the_fewest_calls_and_the_shortest_write() {
        AtomicReference<OperationSequence<SystemCall>> smallest = new AtomicReference<>();
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> PropertyRuns.qt(200)
                .withFixedSeed(SEED).forAll(SEQUENCES).checkAssert(sequence -> {
                    try (SimulatedCpuDmaLatency device = new SimulatedCpuDmaLatency(
                            PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE, false)) {
                        for (SystemCall call : sequence.steps()) {
                            String outcome = call.applyTo(device);
                            if (call instanceof SystemCall.Write write && write.data().length != 4
                                    && outcome.startsWith("wrote")) {
                                smallest.set(sequence);
                                fail("a text write was taken: " + call + " -> " + outcome);
                            }
                        }
                    }
                }));

        assertThat(failure).as("the false property's failure").isNotNull();
        assertThat(failure.getMessage()).contains(smallest.get().toString());
        List<SystemCall> drawn = drawnSteps(smallest.get());
        assertThat(drawn).as("drawn steps of\n%s", smallest.get()).hasSize(2);
        assertThat(drawn.get(0)).isInstanceOf(SystemCall.Open.class);
        assertThat(drawn.get(1)).isInstanceOfSatisfying(SystemCall.Write.class,
                write -> assertThat(write.data()).as("%s", write).hasSize(1));
    }

    /** The steps before the closing ones: one close for each descriptor left open, then the closing read. */
    private static List<SystemCall> drawnSteps(OperationSequence<SystemCall> sequence) {
        List<SystemCall> steps = new ArrayList<>(sequence.steps().subList(0, sequence.steps().size() - CLOSING_READ));
        while (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof SystemCall.Close) {
            steps.remove(steps.size() - 1);
        }
        return steps;
    }

    private static List<String> planned(long seed) {
        List<String> sequences = new ArrayList<>();
        PropertyRuns.qt(50).withFixedSeed(seed).forAll(SEQUENCES).checkAssert(sequence ->
                sequences.add(sequence.toString()));
        return sequences;
    }
}
