package io.github.lllqos.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusEndpointIT {

    @TempDir
    Path dir;

    @Test
    void the_agent_serves_its_meters_and_the_applications_own_micrometer_sees_none_of_them() throws Exception {
        int port = freePort();
        Optional<String> scraped;
        AgentJvm.Result result;
        try (AgentJvm jvm = AgentJvm.start("monitor,late=5,prometheus=" + port + ",report="
                + dir.resolve("report.json"), 6000)) {
            scraped = AgentJvm.scrapeUntil("127.0.0.1", port, "lllqos_wakeup_lateness_seconds_count");
            result = jvm.await();
        }

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(scraped).as("/metrics served the lateness").isPresent();
        assertThat(scraped.get()).contains("# TYPE lllqos_wakeup_lateness_seconds histogram")
                .contains("lllqos_wakeup_lateness_seconds_bucket{le=")
                .contains("lllqos_wakeup_late_total{cause=\"jvm-pause\"}")
                .contains("lllqos_wakeup_late_total{cause=\"unexplained\"}")
                .contains("lllqos_jvm_pauses_seconds_count")
                .contains("lllqos_cpu_latency_limit_seconds")
                .doesNotContain("app_requests").doesNotContain("app_global");
        assertThat(result.line("own-meters")).isEqualTo("app.requests");
        assertThat(result.line("global-meters")).isEqualTo("app.global");
        assertThat(result.line("requests")).isEqualTo("true");
        assertThat(result.line("micrometer-from")).as("the application's Micrometer is its own, not the agent's")
                .contains("micrometer-core").doesNotContain("lllqos-agent");
    }

    @Test
    void prometheus_host_serves_on_that_address_and_not_on_the_default_one() throws Exception {
        int port = freePort();
        try (AgentJvm jvm = AgentJvm.start("monitor,prometheus=" + port + ",prometheus-host=127.0.0.2,report="
                + dir.resolve("report.json"), 6000)) {
            assertThat(AgentJvm.scrapeUntil("127.0.0.2", port, "lllqos_wakeup_lateness_seconds_count"))
                    .as("/metrics served on 127.0.0.2").isPresent();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                    .as("nothing listens on 127.0.0.1:%d", port).isInstanceOf(ConnectException.class);
            AgentJvm.Result result = jvm.await();
            assertThat(result.exitCode()).isZero();
            assertThat(result.stderr()).isEmpty();
        }
    }

    @Test
    void a_port_that_is_taken_is_one_line_on_stderr_and_the_application_runs_on() throws Exception {
        AgentJvm.Result result;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             AgentJvm jvm = AgentJvm.start("monitor,prometheus=" + taken.getLocalPort() + ",report="
                     + dir.resolve("report.json"), 1500)) {
            result = jvm.await();
            assertThat(result.stderr()).singleElement().asString().startsWith("lllqos-agent: prometheus="
                    + taken.getLocalPort() + " on 127.0.0.1 did not start: the port is taken")
                    .endsWith("the monitor runs without it");
        }
        assertThat(result.exitCode()).isZero();
        assertThat(result.line("requests")).isEqualTo("true");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
