package io.github.lllqos.fake;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every row of kernel-facts.md for {@code /dev/cpu_dma_latency}, on the simulated device file. */
class SimulatedDeviceFileTest {

    private final SimulatedKernel kernel = new SimulatedKernel();

    private static ByteBuffer binary(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value);
    }

    private static ByteBuffer text(String value) {
        return ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int readAt0(SimulatedDeviceFile file) throws IOException {
        ByteBuffer value = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        assertThat(file.read(value, 0)).isEqualTo(4);
        return value.getInt(0);
    }

    @Test
    void open_adds_a_request_at_the_default_and_close_removes_it() throws IOException {
        assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(2_000_000_000);
        SimulatedDeviceFile file = kernel.cpuDmaLatency().open(READ);
        assertThat(kernel.cpuLatencyQos().requests()).containsExactly(2_000_000_000);
        assertThat(kernel.cpuDmaLatency().openFiles()).isEqualTo(1);
        file.close();
        file.close();
        assertThat(file.isOpen()).isFalse();
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
        assertThatThrownBy(() -> file.read(ByteBuffer.allocate(4))).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void a_4_byte_write_is_a_native_s32_and_returns_the_count() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(READ, WRITE)) {
            ByteBuffer value = binary(123);
            assertThat(file.write(value)).isEqualTo(4);
            assertThat(value.hasRemaining()).isFalse();
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(123);
            assertThat(readAt0(file)).isEqualTo(123);
        }
    }

    @ParameterizedTest(name = "\"{0}\" sets {1}")
    @CsvSource(delimiter = '|', value = {
        "12|18", "0x1234567|19088743", "00000010ab|4267", "+0x20|32", "0X1f|1714509872", "ab|171",
        "7fffffff|2147483647", "0x0|0", "-0|0", "0x12345678|305419896"})
    void other_lengths_are_parsed_as_hex(String written, int expected) throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            assertThat(file.write(text(written))).isEqualTo(written.length());
            assertThat(kernel.cpuLatencyQos().requests()).containsExactly(expected);
        }
    }

    @Test
    void one_trailing_newline_is_accepted() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            assertThat(file.write(text("7\n"))).isEqualTo(2);
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(7);
        }
    }

    @ParameterizedTest(name = "\"{0}\" is binary {1}")
    @CsvSource(delimiter = '|', value = {"1234|875770417", "0x7b|1647802416"})
    void a_4_byte_string_is_taken_as_binary(String written, int expected) throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            file.write(text(written));
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(expected);
        }
    }

    @Test
    void echo_100_is_the_binary_trap() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            file.write(text("100\n"));
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(170_930_225);
        }
    }

    @Test
    void only_the_first_34_bytes_of_a_string_are_looked_at() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            assertThat(file.write(text("0".repeat(33) + "1"))).isEqualTo(34);
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(1);
            assertThat(file.write(text("0".repeat(40) + "1"))).isEqualTo(41);
            assertThat(kernel.cpuLatencyQos().limit()).isZero();
        }
    }

    @Test
    void a_string_ends_at_its_first_nul() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            assertThat(file.write(text("12\0zz"))).isEqualTo(5);
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(18);
        }
    }

    @ParameterizedTest(name = "\"{0}\" fails with {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "' 20'|EINVAL", "'20 '|EINVAL", "''|EINVAL", "0xzzzzzzzz|EINVAL", "0x|EINVAL", "+|EINVAL", "-+5|EINVAL",
        "0x0x1|EINVAL", "abcdefgh|EINVAL", "0x80000000|ERANGE", "12345678901|ERANGE", "-0x80000001|ERANGE",
        "ffffffffffffffffff|ERANGE", "11111111111111111111zz|ERANGE"})
    void malformed_strings_fail_and_change_nothing(String written, String errno) throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            file.write(binary(50));
            ByteBuffer data = text(written);
            assertThatThrownBy(() -> file.write(data)).isInstanceOfSatisfying(SimulatedErrnoException.class,
                    e -> assertThat(e.errno()).isEqualTo(errno));
            assertThat(data.position()).isZero();
            assertThat(kernel.cpuLatencyQos().requests()).containsExactly(50);
        }
    }

    @Test
    void a_newline_alone_or_two_newlines_are_invalid() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            for (String written : List.of("\n", "5\n\n")) {
                assertThatThrownBy(() -> file.write(text(written)))
                        .isInstanceOfSatisfying(SimulatedErrnoException.class,
                                e -> assertThat(e.errno()).isEqualTo("EINVAL"));
            }
        }
    }

    @Test
    void minus_one_returns_the_request_to_the_default() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            file.write(binary(10));
            file.write(binary(-1));
            assertThat(kernel.cpuLatencyQos().requests()).containsExactly(2_000_000_000);
            file.write(text("10"));
            file.write(text("-1"));
            assertThat(kernel.cpuLatencyQos().requests()).containsExactly(2_000_000_000);
        }
    }

    @Test
    void other_negatives_are_accepted_and_ignored_on_current_kernels() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            file.write(binary(10));
            assertThat(file.write(binary(-5))).isEqualTo(4);
            for (String written : List.of("-5", "-0x10", "-0x80000000")) {
                assertThat(file.write(text(written))).isEqualTo(written.length());
            }
            assertThat(kernel.cpuLatencyQos().requests()).containsExactly(10);
        }
    }

    @Test
    void older_kernels_insert_negatives() throws IOException {
        SimulatedKernel older = new SimulatedKernel(KernelProfile.NEGATIVES_INSERTED);
        try (SimulatedDeviceFile file = older.cpuDmaLatency().open(READ, WRITE)) {
            file.write(text("-0x10"));
            assertThat(older.cpuLatencyQos().limit()).isEqualTo(-16);
            assertThat(readAt0(file)).isEqualTo(-16);
            file.write(binary(-1));
            assertThat(older.cpuLatencyQos().limit()).isEqualTo(2_000_000_000);
        }
    }

    @Test
    void a_vendor_kernel_that_stubs_the_write_returns_the_count_and_does_nothing() throws IOException {
        SimulatedKernel vendor = new SimulatedKernel(KernelProfile.WRITES_IGNORED);
        try (SimulatedDeviceFile file = vendor.cpuDmaLatency().open(READ, WRITE)) {
            assertThat(file.write(binary(0))).isEqualTo(4);
            assertThat(readAt0(file)).isEqualTo(2_000_000_000);
        }
    }

    @Test
    void the_largest_value_is_accepted_and_is_the_limit_when_alone() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            file.write(binary(Integer.MAX_VALUE));
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @Test
    void writing_a_read_only_file_or_reading_a_write_only_one_is_ebadf() throws IOException {
        try (SimulatedDeviceFile readOnly = kernel.cpuDmaLatency().open();
             SimulatedDeviceFile writeOnly = kernel.cpuDmaLatency().open(WRITE)) {
            assertThatThrownBy(() -> readOnly.write(binary(1))).isInstanceOfSatisfying(SimulatedErrnoException.class,
                    e -> assertThat(e.errno()).isEqualTo("EBADF"));
            assertThatThrownBy(() -> writeOnly.read(ByteBuffer.allocate(4)))
                    .isInstanceOfSatisfying(SimulatedErrnoException.class, e -> assertThat(e.errno()).isEqualTo("EBADF"));
            assertThatThrownBy(() -> writeOnly.read(ByteBuffer.allocate(4), 0))
                    .isInstanceOfSatisfying(SimulatedErrnoException.class, e -> assertThat(e.errno()).isEqualTo("EBADF"));
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(2_000_000_000);
        }
    }

    @Test
    void positional_reads_come_from_a_4_byte_buffer() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(READ, WRITE)) {
            file.write(binary(0x01020304));
            ByteBuffer expected = binary(0x01020304);
            ByteBuffer upper = ByteBuffer.allocate(4);
            assertThat(file.read(upper, 2)).isEqualTo(2);
            assertThat(upper.get(0)).isEqualTo(expected.get(2));
            assertThat(upper.get(1)).isEqualTo(expected.get(3));
            assertThat(file.read(ByteBuffer.allocate(4), 4)).isEqualTo(-1);
            assertThat(file.read(ByteBuffer.allocate(0), 0)).isZero();
            assertThat(file.position()).isZero();
        }
    }

    @Test
    void sequential_reads_give_4_bytes_then_end_of_file_and_seeking_keeps_the_position() throws IOException {
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(READ)) {
            ByteBuffer value = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            assertThat(file.read(value)).isEqualTo(4);
            assertThat(value.getInt(0)).isEqualTo(2_000_000_000);
            assertThat(file.read(ByteBuffer.allocate(4))).isEqualTo(-1);
            assertThat(file.position(0).position()).isEqualTo(4);
            assertThat(file.read(ByteBuffer.allocate(4))).isEqualTo(-1);
        }
    }

    @Test
    void an_update_to_the_same_value_changes_nothing_and_notifies_nobody() throws IOException {
        List<Integer> notified = new ArrayList<>();
        kernel.cpuLatencyQos().addNotifier(notified::add);
        try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(WRITE)) {
            file.write(binary(30));
            file.write(binary(30));
            file.write(text("1e"));
        }
        assertThat(notified).containsExactly(30, 2_000_000_000);
        assertThat(kernel.cpuLatencyQos().history()).containsExactly(2_000_000_000, 30, 2_000_000_000);
    }

    @Test
    void the_limit_is_the_minimum_over_all_open_files() throws IOException {
        try (SimulatedDeviceFile a = kernel.cpuDmaLatency().open(WRITE);
             SimulatedDeviceFile b = kernel.cpuDmaLatency().open(WRITE)) {
            a.write(binary(300));
            b.write(binary(200));
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(200);
            b.close();
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(300);
        }
    }

    @Test
    void a_missing_device_or_a_permission_problem_fails_the_open_like_a_file_channel() {
        kernel.cpuDmaLatency().access(DeviceAccess.MISSING);
        assertThatThrownBy(() -> kernel.cpuDmaLatency().open(READ)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("/dev/cpu_dma_latency");
        kernel.cpuDmaLatency().access(DeviceAccess.PERMISSION_DENIED);
        assertThatThrownBy(() -> kernel.cpuDmaLatency().open(READ)).isInstanceOf(AccessDeniedException.class);
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
    }

    @Test
    void a_path_naming_another_device_opens_that_device_which_holds_no_request() throws IOException {
        kernel.cpuDmaLatency().access(DeviceAccess.OTHER_DEVICE);
        try (SimulatedDeviceFile other = kernel.cpuDmaLatency().open(READ, WRITE)) {
            assertThat(other.deviceNumber()).isEqualTo(CpuDmaLatencyNode.OTHER_DEVICE_NUMBER);
            assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
            assertThat(other.write(binary(5))).isEqualTo(4);
            assertThat(other.read(ByteBuffer.allocate(4), 0)).as("end of file").isEqualTo(-1);
        }
        assertThat(kernel.cpuDmaLatency().otherDeviceBytesWritten()).isEqualTo(4);
        assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);
    }

    @Test
    void open_options_are_checked_as_file_channel_checks_them() {
        assertThatThrownBy(() -> kernel.cpuDmaLatency().open(READ, StandardOpenOption.APPEND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kernel.cpuDmaLatency().open(StandardOpenOption.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> kernel.cpuDmaLatency().open(StandardOpenOption.DELETE_ON_CLOSE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
    }
}
