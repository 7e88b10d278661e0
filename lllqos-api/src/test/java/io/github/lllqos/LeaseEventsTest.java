package io.github.lllqos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class LeaseEventsTest {

    @Test
    void a_lease_records_its_acquisition_update_and_release_with_target_and_effective_value() throws Exception {
        TestProvider provider = new TestProvider("test", 1, true, null);
        Path file = Files.createTempFile("lease-events", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.github.lllqos.CpuLatencyLease");
            recording.start();
            try (CpuLatencyLease lease = CpuLatencyLease.acquire(provider, 40)) {
                lease.update(20);
            }
            CpuLatencyLease.acquire(new TestProvider("test", 1, false, "no device"), 5).close();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);

        assertThat(events.stream().map(e -> e.getString("action") + " " + e.getInt("targetMicros"))
                .collect(Collectors.toList())).containsExactly("acquired 40", "updated 20", "released 20",
                "refused 5");
        assertThat(events.get(0).getLong("effectiveMicros")).isEqualTo(40);
        assertThat(events.get(1).getLong("effectiveMicros")).isEqualTo(20);
    }

    @Test
    void without_a_recording_a_lease_emits_nothing_and_still_works() {
        TestProvider provider = new TestProvider("test", 1, true, null);
        try (CpuLatencyLease lease = CpuLatencyLease.acquire(provider, 40)) {
            assertThat(lease.acquired()).isTrue();
        }
        assertThat(provider.liveRequests()).isZero();
    }
}
