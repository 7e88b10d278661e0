package io.github.lllqos.fake.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * The report of a failing property: its seed, the rerun it names, and a counterexample shrunk to the shortest
 * sequence. The property here is false on purpose: it fails as soon as {@value #HELD_AT_ONCE} tokens are held.
 */
class PropertyRunsTest {

    private static final long SEED = 1_093_937_190_333L;
    private static final int HELD_AT_ONCE = 2;
    private static final int MAX_HELD = 4;
    private static final Pattern STEP = Pattern.compile("(?m)^ {2}\\d+\\. (.*)$");
    private static final Pattern SEED_IN_REPORT = Pattern.compile("seed (-?\\d+) ");

    @Test
    void a_failure_names_its_seed_and_its_rerun_and_is_shrunk_to_the_shortest_sequence() {
        String report = failureOf(PropertyRuns.qt(200).withFixedSeed(SEED));

        assertThat(report).contains("seed " + SEED).contains("-DQT_SEED=" + SEED);
        assertThat(counterexample(report)).as("counterexample in\n%s", report).hasSize(HELD_AT_ONCE)
                .allMatch(step -> step.startsWith("hold("));
    }

    @Test
    void rerunning_with_the_printed_seed_prints_the_same_failure() {
        String first = failureOf(PropertyRuns.qt(200));
        Matcher seed = SEED_IN_REPORT.matcher(first);
        assertThat(seed.find()).as("a seed in\n%s", first).isTrue();

        String previous = System.getProperty(PropertyRuns.SEED_PROPERTY);
        System.setProperty(PropertyRuns.SEED_PROPERTY, seed.group(1));
        try {
            assertThat(failureOf(PropertyRuns.qt(200))).isEqualTo(first);
        } finally {
            if (previous == null) {
                System.clearProperty(PropertyRuns.SEED_PROPERTY);
            } else {
                System.setProperty(PropertyRuns.SEED_PROPERTY, previous);
            }
        }
    }

    /** Runs the false property and returns what its failure says. */
    private static String failureOf(QuickTheory theory) {
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> theory
                .forAll(OperationSequence.of(TokenPlanner::new, 20)).checkAssert(sequence -> {
                    List<Integer> held = new ArrayList<>();
                    sequence.run(step -> step.applyTo(held), () -> assertThat(held).as("tokens held")
                            .hasSizeLessThan(HELD_AT_ONCE));
                }));
        assertThat(failure).as("the false property's failure").isNotNull();
        return failure.getMessage();
    }

    /** The steps of the counterexample the report prints, without their numbers. */
    private static List<String> counterexample(String report) {
        String listing = report.substring(report.indexOf("after shrinking:"), report.indexOf("\nfailure:"));
        return STEP.matcher(listing).results().map(step -> step.group(1)).collect(Collectors.toList());
    }

    /** One step of the false property: take a token or give one back. */
    sealed interface TokenStep {
        /** Applies the step to the tokens held. */
        void applyTo(List<Integer> held);
    }

    record Hold(int token) implements TokenStep {
        @Override
        public void applyTo(List<Integer> held) {
            held.add(token);
        }

        @Override
        public String toString() {
            return "hold(" + token + ")";
        }
    }

    record Release(int token) implements TokenStep {
        @Override
        public void applyTo(List<Integer> held) {
            held.remove(Integer.valueOf(token));
        }

        @Override
        public String toString() {
            return "release(" + token + ")";
        }
    }

    /** Holds up to {@value #MAX_HELD} tokens at once, releases held ones. */
    static final class TokenPlanner implements OperationPlanner<TokenStep> {
        private static final Gen<Boolean> HOLDS = arbitrary().pick(true, false);
        private static final Gen<Integer> SLOTS = integers().between(0, MAX_HELD - 1);

        private final List<Integer> held = new ArrayList<>();
        private int taken;

        @Override
        public Optional<TokenStep> draw(RandomnessSource source) {
            boolean hold = HOLDS.generate(source);
            int slot = SLOTS.generate(source);
            if (hold ? held.size() == MAX_HELD : held.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(hold ? new Hold(taken) : new Release(held.get(slot % held.size())));
        }

        @Override
        public void accept(TokenStep step) {
            if (step instanceof Hold) {
                held.add(taken++);
            } else {
                held.remove(Integer.valueOf(((Release) step).token()));
            }
        }
    }
}
