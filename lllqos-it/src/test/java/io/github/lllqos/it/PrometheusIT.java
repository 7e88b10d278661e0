package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a JVM that runs the agent with {@code monitor,prometheus=PORT}, and every query of
 * docs/grafana-dashboard.json gives plausible values: the lateness percentiles positive, ordered and below a
 * second, a late-wake-up rate for each cause, about 1000 wake-ups a second, the lease the agent holds and its target.
 */
class PrometheusIT {

    /** The complete agent jar: lllqos-agent's, rebuilt with the Prometheus endpoint by lllqos-micrometer. */
    private static final Path AGENT_JAR = Path.of("..", "lllqos-agent", "target", "lllqos-agent.jar");
    private static final int LEASE_MICROS = 100;
    private static final long QUERY_TIMEOUT_NANOS = 90_000_000_000L;
    /** Many scrapes at 1 s, as Grafana's $__rate_interval is at least four. */
    private static final String RATE_INTERVAL = "15s";
    /** The queries that answer nothing when nothing is held: their check, not the wait for a series, decides. */
    private static final Set<String> EMPTY_IS_AN_ANSWER = Set.of("targets");

    @TempDir
    Path dir;

    @Test
    void the_dashboards_queries_give_plausible_values_from_a_real_prometheus() throws Exception {
        Map<String, String> queries = DashboardQueries.read(RATE_INTERVAL);
        Map<String, Check> checks = checks();
        assertThat(checks.keySet()).as("every query of the dashboard is checked here, and only those")
                .containsExactlyInAnyOrderElementsOf(queries.keySet());
        assertThat(AGENT_JAR).as("the agent jar (mvn package builds it)").exists();

        int agentPort = PrometheusServer.freePort();
        Process application = startApplication(agentPort);
        try (PrometheusServer prometheus = PrometheusServer.start(dir, agentPort)) {
            Map<String, String> problems = Map.of("all", "not queried yet");
            long giveUp = System.nanoTime() + QUERY_TIMEOUT_NANOS;
            while (!problems.isEmpty() && System.nanoTime() - giveUp < 0 && application.isAlive()) {
                Thread.sleep(1000);
                problems = problems(prometheus, queries, checks);
            }
            assertThat(application.isAlive()).as("the monitored JVM runs: "
                    + Files.readString(dir.resolve("application.log"))).isTrue();
            assertThat(problems).as("the queries' results after %d s; Prometheus said:%n%s",
                    QUERY_TIMEOUT_NANOS / 1_000_000_000L, prometheus.logTail()).isEmpty();
            for (Map.Entry<String, String> query : queries.entrySet()) {
                System.out.println("PrometheusIT " + query.getKey() + ": " + prometheus.query(query.getValue()));
            }
        } finally {
            application.destroy();
            if (!application.waitFor(20, TimeUnit.SECONDS)) {
                application.destroyForcibly().waitFor();
            }
        }
    }

    /** A plausibility check of one query's result, given every query's result: what is wrong, or null. */
    @FunctionalInterface
    private interface Check {
        String problem(List<PrometheusServer.Sample> result, Map<String, List<PrometheusServer.Sample>> all);
    }

    private static Map<String, String> problems(PrometheusServer prometheus, Map<String, String> queries,
                                                Map<String, Check> checks) throws IOException,
            InterruptedException {
        Map<String, List<PrometheusServer.Sample>> results = new TreeMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            results.put(query.getKey(), prometheus.query(query.getValue()));
        }
        Map<String, String> problems = new TreeMap<>();
        results.forEach((refId, result) -> {
            String problem = result.isEmpty() && !EMPTY_IS_AN_ANSWER.contains(refId) ? "no series yet"
                    : checks.get(refId).problem(result, results);
            if (problem != null) {
                problems.put(refId, queries.get(refId) + " gave " + result + ": " + problem);
            }
        });
        return problems;
    }

    private static Map<String, Check> checks() {
        boolean device = Files.isReadable(RealEnvironment.CPU_DMA_LATENCY)
                && Files.isWritable(RealEnvironment.CPU_DMA_LATENCY);
        Map<String, Check> checks = new TreeMap<>();
        checks.put("p50", (result, all) -> positiveBelowASecond(result));
        checks.put("p99", (result, all) -> positiveBelowASecond(result) != null ? positiveBelowASecond(result)
                : notAbove(all.get("p50"), result, "p50"));
        checks.put("p999", (result, all) -> positiveBelowASecond(result) != null ? positiveBelowASecond(result)
                : notAbove(all.get("p99"), result, "p99"));
        checks.put("late", (result, all) -> {
            Set<String> causes = result.stream().map(s -> s.labels().get("cause")).collect(Collectors.toSet());
            if (!causes.equals(Set.of("jvm-pause", "preempted", "steal", "unexplained"))) {
                return "causes " + causes + ", not the four";
            }
            double late = result.stream().mapToDouble(PrometheusServer.Sample::value).sum();
            double wakeups = single(all.get("wakeups"));
            if (result.stream().anyMatch(s -> !(s.value() >= 0)) || !(late > 0)) {
                return "rates must be 0 or more, and some late at a 5 µs threshold";
            }
            return late <= wakeups * 1.1 ? null : late + " late a second, more than the " + wakeups + " wake-ups";
        });
        checks.put("wakeups", (result, all) -> result.size() == 1 && single(result) >= 700 && single(result) <= 1100
                ? null : "a 1 ms interval is about 1000 wake-ups a second, once the window is past the start");
        checks.put("leases", (result, all) -> result.size() == 1 && single(result) == (device ? 1 : 0)
                && (!device || "linux".equals(result.get(0).labels().get("provider"))) ? null
                : "latency=" + LEASE_MICROS + " holds " + (device ? "one lease with the linux provider" : "none"));
        checks.put("targets", (result, all) -> {
            if (!device) {
                return result.isEmpty() ? null : "no lease, so no target";
            }
            return result.size() == 1 && String.valueOf(LEASE_MICROS).equals(result.get(0).labels().get("target"))
                    && single(result) == 1 ? null : "one series, target=\"" + LEASE_MICROS + "\", of one lease";
        });
        checks.put("target", (result, all) -> {
            double target = single(result);
            return device ? (Math.abs(target - LEASE_MICROS * 1e-6) < 1e-12 ? null : "the lease's 100 µs")
                    : (Double.isNaN(target) ? null : "NaN without a lease");
        });
        checks.put("limit", (result, all) -> {
            double limit = single(result);
            // In whole µs: 100 * 1e-6 is 9.999999999999999E-5 in doubles, below the 1.0E-4 a held 100 µs gives.
            return !device || (limit >= 0 && Math.round(limit * 1e6) <= LEASE_MICROS) ? null
                    : "at most the lease's 100 µs: the limit is the lowest request";
        });
        checks.put("pauses", (result, all) -> result.size() == 1 && single(result) >= 0 && single(result) < 1 ? null
                : "a share of each second, from 0 to below 1");
        return checks;
    }

    private static String positiveBelowASecond(List<PrometheusServer.Sample> result) {
        return result.size() == 1 && single(result) > 0 && single(result) < 1 ? null
                : "one host, a lateness above 0 and below 1 s";
    }

    private static String notAbove(List<PrometheusServer.Sample> lower, List<PrometheusServer.Sample> result,
                                   String lowerName) {
        return lower.isEmpty() || single(lower) <= single(result) ? null : "below " + lowerName + " " + lower;
    }

    private static double single(List<PrometheusServer.Sample> result) {
        return result.isEmpty() ? Double.NaN : result.get(0).value();
    }

    private Process startApplication(int agentPort) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As an application that runs the agent grants it (docs/monitor.md): the Linux provider's native calls.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=monitor,late=5,latency=" + LEASE_MICROS
                + ",prometheus=" + agentPort + ",report=" + dir.resolve("report.json"));
        command.add("-cp");
        command.add(location(SleepingApplication.class));
        command.add(SleepingApplication.class.getName());
        command.add("600000");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("application.log").toFile()).start();
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
