package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Stateful property of the device node: chains of open, write (binary, hex, garbage), read, pread and close
 * against a model of what each open file's request should be, with the limit checked after every step.
 */
class DeviceFileProperties {

    @Property(tries = 300)
    void the_device_node_behaves_like_its_model(@ForAll("chains") ActionChain<Model> chain) {
        chain.withInvariant("limit is the minimum of open files' requests", Model::checkLimit).run();
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        return ActionChain.startWith(Model::new)
                .withAction(2, new Open())
                .withAction(3, new WriteBinary())
                .withAction(3, new WriteHex())
                .withAction(2, new WriteGarbage())
                .withAction(2, new Read())
                .withAction(2, new PositionalRead())
                .withAction(1, new Close())
                .withMaxTransformations(40);
    }

    /** The simulated kernel and what its open files should hold. */
    static final class Model {
        final SimulatedKernel kernel = new SimulatedKernel();
        final List<OpenFile> files = new ArrayList<>();
        int nextFd;

        void checkLimit() {
            int expected = files.stream().mapToInt(file -> file.request).min()
                    .orElse(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);
            assertThat(kernel.cpuLatencyQosLimit()).isEqualTo(expected);
            assertThat(kernel.openCpuDmaLatencyFiles()).isEqualTo(files.size());
        }

        byte[] limitBytes() {
            return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, kernel.cpuLatencyQosLimit()).array();
        }

        @Override
        public String toString() {
            return "Model" + files;
        }
    }

    /** An open file and its expected state. */
    static final class OpenFile {
        final String name;
        final SimulatedDeviceFile file;
        final boolean readable;
        final boolean writable;
        int request = PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
        long position;

        OpenFile(String name, SimulatedDeviceFile file, boolean readable, boolean writable) {
            this.name = name;
            this.file = file;
            this.readable = readable;
            this.writable = writable;
        }

        /** Writes and checks the outcome: the count and the new request, or the errno and no change. */
        void write(byte[] data, Integer value, String errno) {
            try {
                if (!writable) {
                    expectErrno(() -> file.write(ByteBuffer.wrap(data)), "EBADF");
                } else if (errno != null) {
                    expectErrno(() -> file.write(ByteBuffer.wrap(data)), errno);
                } else {
                    assertThat(file.write(ByteBuffer.wrap(data))).isEqualTo(data.length);
                    if (value == PmQos.PM_QOS_DEFAULT_VALUE) {
                        request = PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
                    } else if (value >= 0) {
                        request = value;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name + "=" + request;
        }
    }

    private static void expectErrno(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String errno) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SimulatedErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(errno));
    }

    static final class Open implements Action.Dependent<Model> {
        @Override
        public boolean precondition(Model state) {
            return state.files.size() < 5;
        }

        @Override
        public Arbitrary<Transformer<Model>> transformer(Model state) {
            return Arbitraries.of("O_RDONLY", "O_WRONLY", "O_RDWR").map(mode -> Transformer.mutate(
                    "fd" + state.nextFd + " = open(" + mode + ")", model -> {
                        boolean readable = !mode.equals("O_WRONLY");
                        boolean writable = !mode.equals("O_RDONLY");
                        List<OpenOption> options = new ArrayList<>();
                        if (readable) {
                            options.add(StandardOpenOption.READ);
                        }
                        if (writable) {
                            options.add(StandardOpenOption.WRITE);
                        }
                        try {
                            SimulatedDeviceFile file = model.kernel.openCpuDmaLatency(options.toArray(OpenOption[]::new));
                            model.files.add(new OpenFile("fd" + model.nextFd++, file, readable, writable));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }));
        }
    }

    /** Base of the actions on an open file: picks one. */
    abstract static class OnOpenFile implements Action.Dependent<Model> {
        @Override
        public boolean precondition(Model state) {
            return !state.files.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Model>> transformer(Model state) {
            return Arbitraries.integers().between(0, state.files.size() - 1)
                    .flatMap(index -> on(index, state.files.get(index).name));
        }

        abstract Arbitrary<Transformer<Model>> on(int index, String name);
    }

    static final class WriteBinary extends OnOpenFile {
        @Override
        Arbitrary<Transformer<Model>> on(int index, String name) {
            return values().map(value -> Transformer.mutate("write(" + name + ", binary " + value + ")", model -> {
                byte[] data = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value).array();
                model.files.get(index).write(data, value, null);
            }));
        }
    }

    static final class WriteHex extends OnOpenFile {
        @Override
        Arbitrary<Transformer<Model>> on(int index, String name) {
            return values().map(value -> {
                String text = (value < 0 ? "-0x" : "0x") + Long.toHexString(Math.abs((long) value));
                String written = text.length() == 4 ? text + "\n" : text;
                return Transformer.mutate("write(" + name + ", \"" + written.replace("\n", "\\n") + "\")",
                        model -> model.files.get(index).write(written.getBytes(StandardCharsets.US_ASCII), value,
                                null));
            });
        }
    }

    static final class WriteGarbage extends OnOpenFile {
        private static final List<String[]> GARBAGE = List.of(new String[] {" 20", "EINVAL"},
                new String[] {"20 ", "EINVAL"}, new String[] {"", "EINVAL"}, new String[] {"0xzzzzzzzz", "EINVAL"},
                new String[] {"5\n\n", "EINVAL"}, new String[] {"hello", "EINVAL"},
                new String[] {"0x80000000", "ERANGE"}, new String[] {"12345678901", "ERANGE"});

        @Override
        Arbitrary<Transformer<Model>> on(int index, String name) {
            return Arbitraries.of(GARBAGE).map(garbage -> Transformer.mutate("write(" + name + ", \""
                    + garbage[0].replace("\n", "\\n") + "\") fails with " + garbage[1], model -> model.files
                    .get(index).write(garbage[0].getBytes(StandardCharsets.US_ASCII), null, garbage[1])));
        }
    }

    static final class Read extends OnOpenFile {
        @Override
        Arbitrary<Transformer<Model>> on(int index, String name) {
            return Arbitraries.integers().between(1, 8).map(count -> Transformer.mutate(
                    "read(" + name + ", " + count + ")", model -> {
                        OpenFile open = model.files.get(index);
                        ByteBuffer buffer = ByteBuffer.allocate(count);
                        if (!open.readable) {
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
                    }));
        }
    }

    static final class PositionalRead extends OnOpenFile {
        @Override
        Arbitrary<Transformer<Model>> on(int index, String name) {
            return Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.integers().between(0, 6))
                    .as((count, position) -> Transformer.<Model>mutate("pread(" + name + ", " + count + ", "
                            + position + ")", model -> {
                                OpenFile open = model.files.get(index);
                                ByteBuffer buffer = ByteBuffer.allocate(count);
                                if (!open.readable) {
                                    expectErrno(() -> open.file.read(buffer, position), "EBADF");
                                    return;
                                }
                                int expected = Math.max(0, Math.min(count, 4 - position));
                                try {
                                    assertThat(open.file.read(buffer, position))
                                            .isEqualTo(expected == 0 ? -1 : expected);
                                    assertThat(open.file.position()).isEqualTo(open.position);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                                int from = Math.min(position, 4);
                                assertThat(Arrays.copyOf(buffer.array(), expected))
                                        .isEqualTo(Arrays.copyOfRange(model.limitBytes(), from, from + expected));
                            }));
        }
    }

    static final class Close extends OnOpenFile {
        @Override
        Arbitrary<Transformer<Model>> on(int index, String name) {
            return Arbitraries.just(Transformer.mutate("close(" + name + ")", model -> {
                model.files.remove(index).file.close();
            }));
        }
    }

    private static Arbitrary<Integer> values() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 5000), Arbitraries.integers(),
                Arbitraries.of(-1, -5, Integer.MIN_VALUE, Integer.MAX_VALUE, 2_000_000_000));
    }
}
