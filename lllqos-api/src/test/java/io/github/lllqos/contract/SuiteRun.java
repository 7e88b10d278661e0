package io.github.lllqos.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a test class in a launcher of its own, for tests of how a suite behaves: what failed, what skipped. */
final class SuiteRun {

    private SuiteRun() {
    }

    /**
     * Runs the tests of one class, without the listeners registered through {@code META-INF/services}.
     *
     * @param testClass the class, usually a nested one that surefire does not run by itself
     * @param listeners listeners besides the summary
     * @return the summary: tests started, failed, aborted (skipped by an assumption)
     */
    static TestExecutionSummary run(Class<?> testClass, TestExecutionListener... listeners) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherConfig config = LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build();
        LauncherFactory.create(config).execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(List.of(selectClass(testClass))).build(), concat(summary, listeners));
        return summary.getSummary();
    }

    /**
     * Checks what a contract suite must do where its kernel is missing: skip every test it starts and fail none.
     *
     * @param suite the suite, usually a nested subclass whose preparation skips
     */
    static void assertEveryTestSkipped(Class<?> suite) {
        TestExecutionSummary summary = run(suite);
        assertThat(summary.getFailures()).as("failures").isEmpty();
        assertThat(summary.getTestsStartedCount()).isPositive();
        assertThat(summary.getTestsAbortedCount()).isEqualTo(summary.getTestsStartedCount());
    }

    private static TestExecutionListener[] concat(TestExecutionListener first, TestExecutionListener... rest) {
        TestExecutionListener[] all = new TestExecutionListener[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
