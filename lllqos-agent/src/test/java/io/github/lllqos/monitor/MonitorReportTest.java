package io.github.lllqos.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorReportTest {

    private final MonitorReport report = new MonitorReport(10_000, 1_000_000, 100_000,
            new MonitorReport.Lateness(20_000, 60_000, 900_000, 21_000_000),
            Map.of(LatenessCause.JVM_PAUSE, new MonitorReport.CauseTally(12, 21_000_000, 40_000_000),
                    LatenessCause.STEAL, new MonitorReport.CauseTally(1, 300_000, 200_000)),
            new MonitorReport.PauseTally(30, 20_500_000, 90_000_000),
            List.of(new MonitorReport.PauseKind("G1CollectForAllocation", List.of("G1 Evacuation Pause"),
                    new MonitorReport.PauseTally(25, 20_500_000, 88_000_000))),
            0, 0, "SCHED_FIFO 80", "linux", List.of("try -XX:+UseZGC"));

    @Test
    void the_json_has_the_keys_scripts_rely_on() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.get("samples").asLong()).isEqualTo(10_000);
        assertThat(json.get("interval_ns").asLong()).isEqualTo(1_000_000);
        assertThat(json.get("lateness_ns").get("p999").asLong()).isEqualTo(900_000);
        assertThat(json.get("lateness_ns").get("max").asLong()).isEqualTo(21_000_000);
        assertThat(json.get("causes").fieldNames()).toIterable()
                .containsExactly("jvm-pause", "preempted", "steal", "unexplained");
        assertThat(json.get("causes").get("jvm-pause").get("excess_ns").asLong()).isEqualTo(40_000_000);
        assertThat(json.get("causes").get("preempted").get("count").asLong()).isZero();
        assertThat(json.get("jvm_pauses").get("longest_ns").asLong()).isEqualTo(20_500_000);
        assertThat(json.get("jvm_pauses").get("total_ns").asLong()).isEqualTo(90_000_000);
        assertThat(json.get("advice").get(0).asText()).isEqualTo("try -XX:+UseZGC");
        assertThat(json.get("provider").asText()).isEqualTo("linux");
    }

    @Test
    void a_report_read_back_from_its_json_is_equal() {
        assertThat(MonitorReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void json_without_the_fixed_keys_is_refused_naming_the_key() {
        assertThatThrownBy(() -> MonitorReport.fromJson("{\"samples\": 1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lateness_ns");
        assertThatThrownBy(() -> MonitorReport.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }

    @Test
    void the_text_shows_each_cause_the_pauses_and_the_advice() {
        assertThat(report.toText()).contains("jvm-pause").contains("21.00 ms").contains("G1 Evacuation Pause")
                .contains("advice: try -XX:+UseZGC").contains("p99.9 900.0 µs");
    }

    @Test
    void durations_are_shown_in_the_unit_that_suits_them() {
        assertThat(MonitorReport.time(870)).isEqualTo("870 ns");
        assertThat(MonitorReport.time(63_200)).isEqualTo("63.2 µs");
        assertThat(MonitorReport.time(12_960_000)).isEqualTo("12.96 ms");
        assertThat(MonitorReport.time(1_270_000_000)).isEqualTo("1.27 s");
    }
}
