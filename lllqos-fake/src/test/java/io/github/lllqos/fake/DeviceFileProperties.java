package io.github.lllqos.fake;

import static io.github.lllqos.fake.property.Weighted.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.lllqos.fake.property.OperationPlanner;
import io.github.lllqos.fake.property.OperationSequence;
import io.github.lllqos.fake.property.PropertyRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Stateful property of the device node: sequences of open, write (binary, hex, garbage), read, pread and close
 * against a model of what each open file's request should be, with the limit checked after every step.
 */
class DeviceFileProperties {

    private static final int MAX_OPEN = 5;

    @Test
    void the_device_node_behaves_like_its_model() {
        PropertyRuns.qt(500).forAll(OperationSequence.of(Planner::new, 80)).checkAssert(sequence -> {
            Model model = new Model();
            sequence.run(operation -> operation.applyTo(model), model::checkLimit);
        });
    }

    /** One system call on the device node. */
    sealed interface FileOperation {
        /** Applies the call to the simulated kernel and to the model, asserting its outcome. */
        void applyTo(Model model);
    }

    /** How a descriptor is opened. */
    enum Mode {
        O_RDONLY(true, false), O_WRONLY(false, true), O_RDWR(true, true);

        final boolean readable;
        final boolean writable;

        Mode(boolean readable, boolean writable) {
            this.readable = readable;
            this.writable = writable;
        }
    }

    record Open(int fd, Mode mode) implements FileOperation {
        @Override
        public void applyTo(Model model) {
            List<OpenOption> options = new ArrayList<>();
            if (mode.readable) {
                options.add(StandardOpenOption.READ);
            }
            if (mode.writable) {
                options.add(StandardOpenOption.WRITE);
            }
            try {
                model.files.put(fd, new OpenFile(model.kernel.cpuDmaLatency().open(options.toArray(OpenOption[]::new)),
                        mode));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "fd" + fd + " = open(" + mode + ")";
        }
    }

    record WriteBinary(int fd, int value) implements FileOperation {
        @Override
        public void applyTo(Model model) {
            byte[] data = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value).array();
            model.files.get(fd).write(data, value);
        }

        @Override
        public String toString() {
            return "write(fd" + fd + ", binary " + value + ")";
        }
    }

    /** The value as a {@code 0x} hex string; a 4-character one gets a newline, or it would be taken as binary. */
    record WriteHex(int fd, int value) implements FileOperation {
        String text() {
            String text = (value < 0 ? "-0x" : "0x") + Long.toHexString(Math.abs((long) value));
            return text.length() == 4 ? text + "\n" : text;
        }

        @Override
        public void applyTo(Model model) {
            model.files.get(fd).write(text().getBytes(StandardCharsets.US_ASCII), value);
        }

        @Override
        public String toString() {
            return "write(fd" + fd + ", \"" + text().replace("\n", "\\n") + "\")";
        }
    }

    record WriteGarbage(int fd, String text, String errno) implements FileOperation {
        @Override
        public void applyTo(Model model) {
            model.files.get(fd).writeFails(text.getBytes(StandardCharsets.US_ASCII), errno);
        }

        @Override
        public String toString() {
            return "write(fd" + fd + ", \"" + text.replace("\n", "\\n") + "\") fails with " + errno;
        }
    }

    record Read(int fd, int count) implements FileOperation {
        @Override
        public void applyTo(Model model) {
            OpenFile open = model.files.get(fd);
            ByteBuffer buffer = ByteBuffer.allocate(count);
            if (!open.mode.readable) {
                expectErrno(() -> open.file.read(buffer), "EBADF");
                return;
            }
            int expected = (int) Math.max(0, Math.min(count, 4 - open.position));
            try {
                assertThat(open.file.read(buffer)).isEqualTo(expected == 0 ? -1 : expected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int from = (int) Math.min(open.position, 4);
            assertThat(Arrays.copyOf(buffer.array(), expected))
                    .isEqualTo(Arrays.copyOfRange(model.limitBytes(), from, from + expected));
            open.position += expected;
        }

        @Override
        public String toString() {
            return "read(fd" + fd + ", " + count + ")";
        }
    }

    record PositionalRead(int fd, int count, int position) implements FileOperation {
        @Override
        public void applyTo(Model model) {
            OpenFile open = model.files.get(fd);
            ByteBuffer buffer = ByteBuffer.allocate(count);
            if (!open.mode.readable) {
                expectErrno(() -> open.file.read(buffer, position), "EBADF");
                return;
            }
            int expected = Math.max(0, Math.min(count, 4 - position));
            try {
                assertThat(open.file.read(buffer, position)).isEqualTo(expected == 0 ? -1 : expected);
                assertThat(open.file.position()).as("the file position pread leaves alone").isEqualTo(open.position);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int from = Math.min(position, 4);
            assertThat(Arrays.copyOf(buffer.array(), expected))
                    .isEqualTo(Arrays.copyOfRange(model.limitBytes(), from, from + expected));
        }

        @Override
        public String toString() {
            return "pread(fd" + fd + ", " + count + ", " + position + ")";
        }
    }

    record Close(int fd) implements FileOperation {
        @Override
        public void applyTo(Model model) {
            model.files.remove(fd).file.close();
        }

        @Override
        public String toString() {
            return "close(fd" + fd + ")";
        }
    }

    /** The simulated kernel and what its open files should hold, by descriptor number. */
    static final class Model {
        final SimulatedKernel kernel = new SimulatedKernel();
        final Map<Integer, OpenFile> files = new LinkedHashMap<>();

        void checkLimit() {
            int expected = files.values().stream().mapToInt(file -> file.request).min()
                    .orElse(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);
            assertThat(kernel.cpuLatencyQos().limit()).as("limit, the minimum of the open files' requests")
                    .isEqualTo(expected);
            assertThat(kernel.cpuDmaLatency().openFiles()).as("open files").isEqualTo(files.size());
        }

        byte[] limitBytes() {
            return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, kernel.cpuLatencyQos().limit()).array();
        }
    }

    /** An open file and its expected state. */
    static final class OpenFile {
        final SimulatedDeviceFile file;
        final Mode mode;
        int request = PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
        long position;

        OpenFile(SimulatedDeviceFile file, Mode mode) {
            this.file = file;
            this.mode = mode;
        }

        /** A valid write: returns the count; -1 restores the default, other negatives change nothing. */
        void write(byte[] data, int value) {
            if (!mode.writable) {
                writeFails(data, "EBADF");
                return;
            }
            try {
                assertThat(file.write(ByteBuffer.wrap(data))).isEqualTo(data.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (value == PmQos.PM_QOS_DEFAULT_VALUE) {
                request = PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
            } else if (value >= 0) {
                request = value;
            }
        }

        /** A write that fails with {@code errno} (EBADF on a read-only file) and changes nothing. */
        void writeFails(byte[] data, String errno) {
            expectErrno(() -> file.write(ByteBuffer.wrap(data)), mode.writable ? errno : "EBADF");
        }
    }

    private static void expectErrno(ThrowingCallable call, String errno) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SimulatedErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(errno));
    }

    /**
     * Draws open while fewer than {@value #MAX_OPEN} are open, and the other calls on an open descriptor, with the
     * weights the calls had before: writes most, close least.
     */
    static final class Planner implements OperationPlanner<FileOperation> {
        private static final List<Pair<String, String>> GARBAGE = List.of(Pair.of(" 20", "EINVAL"),
                Pair.of("20 ", "EINVAL"), Pair.of("", "EINVAL"), Pair.of("0xzzzzzzzz", "EINVAL"),
                Pair.of("5\n\n", "EINVAL"), Pair.of("hello", "EINVAL"), Pair.of("0x80000000", "ERANGE"),
                Pair.of("12345678901", "ERANGE"));
        private static final Gen<Kind> KINDS = Generate.frequency(List.of(weight(2, Kind.OPEN),
                weight(1, Kind.CLOSE), weight(3, Kind.WRITE_BINARY), weight(3, Kind.WRITE_HEX),
                weight(2, Kind.WRITE_GARBAGE), weight(2, Kind.READ), weight(2, Kind.PREAD)));
        private static final Gen<Integer> SLOTS = integers().between(0, MAX_OPEN - 1);
        private static final Gen<Integer> VALUES = Generate.oneOf(integers().between(0, 5000), integers().all(),
                arbitrary().pick(-1, -5, Integer.MIN_VALUE, Integer.MAX_VALUE, 2_000_000_000));
        private static final Gen<Mode> MODES = arbitrary().enumValues(Mode.class);
        private static final Gen<Pair<String, String>> GARBAGE_WRITES = arbitrary().pick(GARBAGE);
        private static final Gen<Integer> COUNTS = integers().between(1, 8);
        private static final Gen<Integer> POSITIONS = integers().between(0, 6);

        private enum Kind { OPEN, CLOSE, WRITE_BINARY, WRITE_HEX, WRITE_GARBAGE, READ, PREAD }

        private final List<Integer> open = new ArrayList<>();
        private int opened;

        @Override
        public Optional<FileOperation> draw(RandomnessSource source) {
            Kind kind = KINDS.generate(source);
            int slot = SLOTS.generate(source);
            int value = VALUES.generate(source);
            Mode mode = MODES.generate(source);
            Pair<String, String> garbage = GARBAGE_WRITES.generate(source);
            int count = COUNTS.generate(source);
            int position = POSITIONS.generate(source);
            if (kind == Kind.OPEN ? open.size() == MAX_OPEN : open.isEmpty()) {
                return Optional.empty();
            }
            int fd = kind == Kind.OPEN ? opened : OperationPlanner.newestFirst(open, slot);
            return Optional.of(switch (kind) {
                case OPEN -> new Open(fd, mode);
                case CLOSE -> new Close(fd);
                case WRITE_BINARY -> new WriteBinary(fd, value);
                case WRITE_HEX -> new WriteHex(fd, value);
                case WRITE_GARBAGE -> new WriteGarbage(fd, garbage._1, garbage._2);
                case READ -> new Read(fd, count);
                case PREAD -> new PositionalRead(fd, count, position);
            });
        }

        @Override
        public void accept(FileOperation operation) {
            if (operation instanceof Open o) {
                open.add(o.fd());
                opened++;
            } else if (operation instanceof Close c) {
                open.remove(Integer.valueOf(c.fd()));
            }
        }
    }
}
