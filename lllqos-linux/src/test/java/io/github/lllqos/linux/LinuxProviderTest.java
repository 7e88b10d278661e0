package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.spi.RequestRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxProviderTest {

    @TempDir
    Path temp;

    @Test
    void off_linux_the_provider_is_unavailable_and_says_why() {
        LinuxProvider provider = new LinuxProvider("Mac OS X");

        assertThat(provider.unavailableReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("Mac OS X").contains("only on Linux"));
    }

    @Test
    void on_linux_the_provider_is_available() {
        assertThat(new LinuxProvider("Linux").unavailableReason()).isEmpty();
    }

    @Test
    void a_regular_file_is_refused_and_left_untouched() throws IOException {
        Path regular = Files.writeString(temp.resolve("cpu_dma_latency"), "");
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(regular);

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("not a character device").hasMessageContaining("a regular file");
        assertThat(Files.size(regular)).isZero();
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void a_missing_device_is_refused_with_the_container_fix() {
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(temp.resolve("absent"));

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("--device /dev/cpu_dma_latency");
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void a_character_device_that_cannot_report_the_limit_is_refused() {
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(Path.of("/dev/null"));

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("pread(/dev/null, 4, 0) read 0 of 4 bytes");
    }

    @Test
    void another_character_device_path_is_accepted_as_configured() throws RequestRefusedException {
        RealEnvironment.requireCpuDmaLatency();
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(RealEnvironment.CPU_DMA_LATENCY);

        var request = qos.addRequest(321);
        try {
            assertThat(request.effectiveLimit()).isLessThanOrEqualTo(321);
        } finally {
            request.remove();
        }
    }
}
