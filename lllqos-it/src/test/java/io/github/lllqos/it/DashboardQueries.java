package io.github.lllqos.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PromQL queries of docs/grafana-dashboard.json, by their {@code refId}, with Grafana's variables replaced as
 * Grafana would: every host for {@code $instance}, a window of several scrapes for {@code $__rate_interval}.
 */
final class DashboardQueries {

    /** The dashboard, from lllqos-it's directory (where failsafe runs). */
    static final Path DASHBOARD = Path.of("..", "docs", "grafana-dashboard.json");

    private DashboardQueries() {
    }

    /** Every target's query, by refId, in the dashboard's order; refIds are unique across the dashboard. */
    static Map<String, String> read(String rateInterval) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String refId = target.path("refId").asText();
                String expr = target.path("expr").asText().replace("$instance", ".+")
                        .replace("$__rate_interval", rateInterval);
                if (queries.put(refId, expr) != null) {
                    throw new IllegalStateException("refId " + refId + " is used twice in " + DASHBOARD);
                }
            }
        }
        return queries;
    }
}
