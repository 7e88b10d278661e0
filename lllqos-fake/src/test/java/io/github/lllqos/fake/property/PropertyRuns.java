package io.github.lllqos.fake.property;

import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.Reporter;

/**
 * How every property of this module runs: QuickTheories with a fixed number of examples and shrink cycles, and a
 * report that gives the seed, how to rerun it, and the smallest counterexample shrinking found.
 *
 * <pre>{@code
 * PropertyRuns.qt(500).forAll(integers().all()).checkAssert(value -> assertThat(parse(hex(value))).isEqualTo(value));
 * }</pre>
 */
public final class PropertyRuns {

    /** The system property that fixes the seed of every property in the run: {@value}. */
    public static final String SEED_PROPERTY = Configuration.SEED;

    private PropertyRuns() {
    }

    /**
     * A theory that tries {@code examples} generated values and, on a failure, up to 20 shrink cycles per example.
     *
     * @param examples how many values to try
     * @return the theory, ready for {@code forAll}
     */
    public static QuickTheory qt(int examples) {
        return qt(examples, examples * 20);
    }

    /**
     * A theory that tries {@code examples} generated values and shrinks a failure for up to {@code shrinkCycles}.
     *
     * @param examples how many values to try
     * @param shrinkCycles how many smaller candidates to try once one value fails
     * @return the theory, ready for {@code forAll}
     */
    public static QuickTheory qt(int examples, int shrinkCycles) {
        return QuickTheory.qt().withExamples(examples).withShrinkCycles(shrinkCycles)
                .withReporter(new SeedReporter());
    }

    /** Fails the test with the seed, the rerun property and the shrunk counterexample. */
    private static final class SeedReporter implements Reporter {

        @Override
        public void falisification(long seed, int count, Object smallest, Throwable cause, List<Object> examples,
                                   AsString<Object> toString) {
            throw new AssertionError(report(seed, count, toString.asString(smallest)) + "\nfailure: " + cause,
                    cause);
        }

        @Override
        public void falisification(long seed, int count, Object smallest, List<Object> examples,
                                   AsString<Object> toString) {
            throw new AssertionError(report(seed, count, toString.asString(smallest)));
        }

        @Override
        public void valuesExhausted(int completedExamples) {
            throw new IllegalStateException("gave up after " + completedExamples
                    + " examples: the generator's assumptions reject too many values");
        }

        private static String report(long seed, int count, String smallest) {
            return "property falsified after " + count + " examples, seed " + seed + " (rerun it with -D"
                    + SEED_PROPERTY + "=" + seed + ")\nsmallest counterexample after shrinking:\n" + smallest;
        }
    }
}
