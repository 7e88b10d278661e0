package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.spi.RequestRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Where the tests' kernel publishes the CPU latency device's number: 10:259, as on the machines seen. */
    private Path miscDev() throws IOException {
        return Files.writeString(temp.resolve("misc-cpu_dma_latency-dev"), "10:259\n");
    }

    private DeviceCpuLatencyQos qos(Path device) throws IOException {
        return new DeviceCpuLatencyQos(device, NativeLayer.current().libc(), miscDev());
    }

    /** Every native layer of this JVM: JNA, and java.lang.foreign from JDK 22. */
    static Stream<Arguments> layers() {
        return NativeLayer.everyLayerHere().stream().map(libc -> Arguments.of(libc.getClass().getSimpleName(), libc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void dev_zero_is_refused_from_its_path_without_being_opened(String layer, NativeLibc libc) throws IOException {
        RecordingLibc recording = RecordingLibc.of(libc);
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(Path.of("/dev/zero"), recording.libc(), miscDev());

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("/dev/zero is character device 1:5, not the CPU latency device");
        assertThat(qos.effectiveLimit()).isEmpty();
        assertThat(recording.calls()).as("opening alone acts on some devices").containsOnly("statx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void a_fifo_is_refused_from_its_path_without_being_opened(String layer, NativeLibc libc) throws Exception {
        Path fifo = fifo();
        RecordingLibc recording = RecordingLibc.of(libc);
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(fifo, recording.libc(), miscDev());

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith(fifo + " is a FIFO, not the CPU latency device");
        assertThat(qos.effectiveLimit()).isEmpty();
        assertThat(recording.calls()).containsOnly("statx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void a_path_swapped_after_its_check_is_refused_on_the_open_descriptor(String layer, NativeLibc libc)
            throws IOException {
        Path zeroIsExpected = Files.writeString(temp.resolve("dev"), "1:5\n");
        RecordingLibc recording = RecordingLibc.openingInstead(libc, "/dev/null");
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(Path.of("/dev/zero"), recording.libc(), zeroIsExpected);

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("/dev/zero is character device 1:3, not the CPU latency device (character"
                        + " device 1:5");
        assertThat(recording.calls()).as("checked by path, opened, checked on the descriptor, closed")
                .containsExactly("statx", "open", "statx", "close");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void the_expected_device_passes_both_checks_and_is_opened(String layer, NativeLibc libc) throws IOException {
        Path nullIsExpected = Files.writeString(temp.resolve("dev"), "1:3\n");
        RecordingLibc recording = RecordingLibc.of(libc);
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(Path.of("/dev/null"), recording.libc(), nullIsExpected);

        assertThatThrownBy(() -> qos.addRequest(0)).as("past the identity check, /dev/null cannot report a limit")
                .hasMessageContaining("pread(/dev/null, 4, 0) read 0 of 4 bytes");
        assertThat(recording.calls()).startsWith("statx", "open", "statx").contains("close");
    }

    private Path fifo() throws Exception {
        Path fifo = temp.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo's exit code").isZero();
        return fifo;
    }

    @Test
    void dev_zero_is_refused_with_its_number_and_the_expected_one() throws IOException {
        DeviceCpuLatencyQos qos = qos(Path.of("/dev/zero"));

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("/dev/zero is character device 1:5, not the CPU latency device (character"
                        + " device 10:259, from /sys/class/misc/cpu_dma_latency/dev)")
                .hasMessageContaining("-Dlllqos.device");
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void dev_null_is_refused_before_anything_is_written_to_it() throws IOException {
        DeviceCpuLatencyQos qos = qos(Path.of("/dev/null"));

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("/dev/null is character device 1:3, not the CPU latency device")
                .hasMessageNotContaining("pread(").hasMessageNotContaining("write(");
    }

    @Test
    void the_device_is_known_by_its_number_not_by_its_path() throws IOException {
        Path nullIsExpected = Files.writeString(temp.resolve("dev"), "1:3\n");
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(Path.of("/dev/null"), NativeLayer.current().libc(),
                nullIsExpected);

        assertThatThrownBy(() -> qos.addRequest(0)).as("past the identity check, /dev/null cannot report a limit")
                .isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("pread(/dev/null, 4, 0) read 0 of 4 bytes");
    }

    @Test
    void a_regular_file_is_refused_and_left_untouched() throws IOException {
        Path regular = Files.writeString(temp.resolve("cpu_dma_latency"), "");
        DeviceCpuLatencyQos qos = qos(regular);

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith(regular + " is a regular file, not the CPU latency device (character device"
                        + " 10:259");
        assertThat(Files.size(regular)).isZero();
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void a_directory_is_refused() throws IOException {
        DeviceCpuLatencyQos qos = qos(temp);

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith(temp + " is a directory, not the CPU latency device");
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void a_fifo_is_refused_without_waiting_for_a_reader() throws Exception {
        Path fifo = fifo();
        DeviceCpuLatencyQos qos = qos(fifo);

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith(fifo + " is a FIFO, not the CPU latency device");
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void an_empty_path_is_refused_naming_the_property() throws IOException {
        DeviceCpuLatencyQos qos = qos(Path.of(""));

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessage("the device path is empty: set -Dlllqos.device to the cpu_dma_latency device node, or"
                        + " unset it for /dev/cpu_dma_latency");
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void without_the_kernels_number_nothing_is_accepted() {
        Path absent = temp.resolve("no-such-dev");
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(Path.of("/dev/null"), NativeLayer.current().libc(), absent);

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("cannot tell which device is the CPU latency device: " + absent);
    }

    @Test
    void a_missing_device_is_refused_with_the_container_fix() throws IOException {
        DeviceCpuLatencyQos qos = qos(temp.resolve("absent"));

        assertThatThrownBy(() -> qos.addRequest(0)).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("--device /dev/cpu_dma_latency");
        assertThat(qos.effectiveLimit()).isEmpty();
    }

    @Test
    void a_symbolic_link_to_the_real_device_is_accepted() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        Path link = Files.createSymbolicLink(temp.resolve("latency"), RealEnvironment.CPU_DMA_LATENCY);
        DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(link, NativeLayer.current().libc());

        var request = qos.addRequest(321);
        try {
            assertThat(request.effectiveLimit()).isLessThanOrEqualTo(321);
        } finally {
            request.remove();
        }
    }
}
