package io.github.lllqos.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/skip-summary}, which test.sh and .ci/unprivileged run at their end, reads the lines that
 * {@link SkippedTestsSummary} prints: fed the listener's own output from two test runs, it totals them.
 */
class SkipSummaryScriptTest {

    private static final Path SCRIPT = Path.of("..", ".ci", "skip-summary");
    private static final Path BASH = Path.of("/bin/bash");
    /** Two tests skipped because the device is missing, one because it is not ready. */
    private static final Class<?> THREE_SKIPS = SkippedTestsSummaryTest.ThreeSkips.class;

    @TempDir
    Path temp;

    @BeforeEach
    void bash() {
        RealEnvironment.require(Files.isExecutable(BASH), BASH + " is missing");
    }

    @Test
    void the_lines_of_every_test_run_are_totalled_by_reason_in_one_line() throws Exception {
        Path log = mavenLog(listenerLine(THREE_SKIPS), listenerLine(OtherModule.class));

        Script run = script(log.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).isEqualTo("lllqos, all test runs: 5 tests skipped: 3 because the device is"
                + " missing; 1 because it is not ready; 1 because java.lang.foreign is final from JDK 22; this is JDK"
                + " 17\n");
    }

    @Test
    void a_log_without_skipped_tests_says_so() throws Exception {
        Script run = script(mavenLog().toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).isEqualTo("lllqos, all test runs: no test skipped\n");
    }

    @Test
    void required_reasons_that_are_there_pass_and_the_lines_found_are_listed() throws Exception {
        String first = listenerLine(THREE_SKIPS);
        String second = listenerLine(OtherModule.class);

        Script run = script("--require", "device is missing", "--require", "final from JDK 22; this is",
                mavenLog(first, second).toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("the skip summaries of 2 test runs:\n    " + first + "\n    " + second,
                "3 skipped with a reason containing 'device is missing', as required",
                "1 skipped with a reason containing 'final from JDK 22; this is', as required")
                .endsWith("lllqos, all test runs: 5 tests skipped: 3 because the device is missing; 1 because it is"
                        + " not ready; 1 because java.lang.foreign is final from JDK 22; this is JDK 17\n");
    }

    @Test
    void a_required_reason_that_no_test_gave_fails_the_check() throws Exception {
        Script run = script("--require", "this user (nobody) is not root", mavenLog(listenerLine(THREE_SKIPS))
                .toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("none skipped with a reason containing 'this user (nobody) is not root',"
                + " which is required", "the required skip reasons are missing");
    }

    @Test
    void a_required_reason_fails_the_check_where_no_run_printed_a_summary() throws Exception {
        Script run = script("--require", "device is missing", mavenLog().toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("no test run in", "printed a skip summary");
    }

    /** The line the listener prints after running {@code suite}. */
    private static String listenerLine(Class<?> suite) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SuiteRun.run(suite, new SkippedTestsSummary(new PrintStream(printed, true, StandardCharsets.UTF_8)));
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    /** A Maven log holding the listener's lines among surefire's own. */
    private Path mavenLog(String... listenerLines) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : listenerLines) {
            lines.add("[INFO] --- surefire:3.5.4:test (default-test) @ lllqos-module ---");
            lines.add("[WARNING] Tests run: 4, Failures: 0, Errors: 0, Skipped: 3");
            lines.add(line);
        }
        lines.add("[INFO] BUILD SUCCESS");
        return Files.write(temp.resolve("maven.log"), lines);
    }

    private static Script script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BASH.toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script ended within 30 s").isTrue();
        return new Script(process.exitValue(), output);
    }

    /** How the script ended. */
    private record Script(int exit, String output) {
    }

    /** A second module's run, with a reason that holds "; " itself. */
    static class OtherModule {

        @Test
        void aborted() {
            Assumptions.abort("the device is missing");
        }

        @Test
        void semicolon_in_the_reason() {
            Assumptions.abort("java.lang.foreign is final from JDK 22; this is JDK 17");
        }

        @Test
        void passes() {
        }
    }
}
