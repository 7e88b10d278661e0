package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.linux.LinuxProvider;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.support.DeviceNumber;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HoldCommandTest {

    private final CpuLatencyQos device = new LinuxProvider().cpuLatencyQos();

    @Test
    void hold_keeps_the_request_until_sigterm_and_then_releases_it() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        try (ChildCommand hold = ChildCommand.start("hold", "13")) {
            String started = hold.readUntil("holding until SIGINT");

            assertThat(started).contains("holding a CPU latency request for 13 µs (provider linux)")
                    .containsPattern("effective CPU latency limit: (1[0-3]|[0-9]) µs");
            assertThat(device.effectiveLimit().getAsInt()).isLessThanOrEqualTo(13);
            assertThat(holdsDevice(hold.pid())).as("the child holds the device open").isTrue();

            assertThat(hold.terminate()).isEqualTo(143);
            assertThat(hold.rest()).contains("released the request for 13 µs; effective CPU latency limit now: ");
            assertThat(holdsDevice(hold.pid())).isFalse();
        }
    }

    @Test
    void hold_on_dev_zero_places_no_request_and_names_both_device_numbers() throws Exception {
        Path published = Path.of(DeviceNumber.CPU_DMA_LATENCY_SYSFS);
        RealEnvironment.require(Files.isReadable(published), published + " is missing (the kernel has no"
                + " cpu_dma_latency device to compare with)");
        String expected = DeviceNumber.parse(Files.readString(published)).toString();

        ChildCommand.Finished hold = ChildCommand.run(List.of("-Dlllqos.device=/dev/zero"), "hold", "5");

        assertThat(hold.exit()).as(hold.output()).isEqualTo(1);
        assertThat(hold.output()).contains("no request placed", "/dev/zero is character device 1:5",
                "not the CPU latency device (character device " + expected).doesNotContain("holding");
    }

    @Test
    void a_negative_target_is_a_usage_error_naming_the_value() {
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new LllqosCommand()).setErr(new PrintWriter(err)).execute("hold", "--", "-1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("was -1", "0.." + Integer.MAX_VALUE);
    }

    @Test
    void a_target_beyond_the_kernels_range_is_a_usage_error_naming_the_range() {
        StringWriter err = new StringWriter();

        int exit = LllqosCommand.commandLine(new LllqosCommand()).setErr(new PrintWriter(err))
                .execute("hold", "2147483648");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("MICROS must be in 0..2147483647 µs, was 2147483648")
                .doesNotContain("Usage:");
    }

    @Test
    void the_usage_shows_the_target_as_optional() {
        StringWriter out = new StringWriter();

        LllqosCommand.commandLine(new LllqosCommand()).setOut(new PrintWriter(out)).execute("hold", "--help");

        assertThat(out.toString()).contains("Usage: lllqos hold [-hV] [MICROS]");
    }

    private static boolean holdsDevice(long pid) throws IOException {
        Path fds = Path.of("/proc/" + pid + "/fd");
        if (!Files.isDirectory(fds)) {
            return false;
        }
        try (Stream<Path> descriptors = Files.list(fds)) {
            return descriptors.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("/dev/cpu_dma_latency");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
