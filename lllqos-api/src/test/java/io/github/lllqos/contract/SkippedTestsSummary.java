package io.github.lllqos.contract;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a test run, one line that counts the skipped tests by reason, such as
 * {@code lllqos: 14 tests skipped: 12 because /dev/cpu_dma_latency is missing ...; 2 because ...}. Surefire's own
 * summary gives only the number; the reasons would otherwise stay in its XML reports.
 *
 * <p>Registered through {@code META-INF/services} in this module's test-jar, so every module whose tests use
 * {@link RealEnvironment} prints it. {@code .ci/skip-summary} reads these lines out of a Maven log and totals them
 * over the modules (test.sh and .ci/unprivileged print that total last): keep the line's form, or change both.
 */
public final class SkippedTestsSummary implements TestExecutionListener {

    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

    private final Map<String, AtomicInteger> countsByReason = new ConcurrentHashMap<>();
    private final PrintStream out;

    /** Prints to standard output; called by the JUnit Platform launcher. */
    public SkippedTestsSummary() {
        this(System.out);
    }

    /**
     * Prints to the given stream.
     *
     * @param out where the summary line goes
     */
    public SkippedTestsSummary(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        count(reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            count(result.getThrowable().map(Throwable::getMessage).orElse(null));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        summary().ifPresent(out::println);
        out.flush();
    }

    /**
     * The line printed at the end, for the tests skipped so far.
     *
     * @return such as {@code "lllqos: 3 tests skipped: 2 because X; 1 because Y"}, empty when none was skipped
     */
    public Optional<String> summary() {
        if (countsByReason.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> sorted = new TreeMap<>();
        countsByReason.forEach((reason, count) -> sorted.put(reason, count.get()));
        int total = sorted.values().stream().mapToInt(Integer::intValue).sum();
        return Optional.of("lllqos: " + total + (total == 1 ? " test" : " tests") + " skipped: "
                + sorted.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .map(entry -> entry.getValue() + " because " + entry.getKey())
                        .collect(Collectors.joining("; ")));
    }

    private void count(String reason) {
        String text = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        if (text.startsWith(ASSUMPTION_PREFIX)) {
            text = text.substring(ASSUMPTION_PREFIX.length());
        }
        countsByReason.computeIfAbsent(text.replaceAll("\\s+", " "), key -> new AtomicInteger()).incrementAndGet();
    }
}
