package io.github.lllqos.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class SkippedTestsSummaryTest {

    @Test
    void the_run_ends_with_one_line_counting_the_skipped_tests_by_reason() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SuiteRun.run(ThreeSkips.class, new SkippedTestsSummary(new PrintStream(printed, true, StandardCharsets.UTF_8)));

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("lllqos: 3 tests skipped: 2 because the"
                + " device is missing; 1 because it is not ready" + System.lineSeparator());
    }

    @Test
    void a_run_without_skipped_tests_prints_nothing() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SuiteRun.run(NoSkips.class, new SkippedTestsSummary(new PrintStream(printed, true, StandardCharsets.UTF_8)));

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    static class ThreeSkips {

        @Test
        void aborted() {
            Assumptions.abort("the device is missing");
        }

        @Test
        void assumed() {
            Assumptions.assumeTrue(false, "the device is missing");
        }

        @Test
        @Disabled("it is not ready")
        void disabled() {
        }

        @Test
        void passes() {
        }
    }

    static class NoSkips {

        @Test
        void passes() {
        }
    }
}
