package io.github.lllqos.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.Errno;
import io.github.lllqos.contract.RealEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Which layer carries the calls, and that both layers make the same calls with the same results. */
class NativeLayerTest {

    private static final int JDK = Runtime.version().feature();

    @Test
    void the_jdk_decides_when_nothing_is_asked_for() {
        NativeLayer layer = NativeLayer.select(null, JDK);

        assertThat(layer.unavailableReason()).isEmpty();
        assertThat(layer.name()).isEqualTo(JDK >= 22 ? "java.lang.foreign" : "JNA");
        assertThat(layer.libc().getClass().getSimpleName()).isEqualTo(JDK >= 22 ? "ForeignLibc" : "JnaLibc");
    }

    @Test
    void jdk_17_to_21_use_jna_and_say_why() {
        NativeLayer layer = NativeLayer.select(null, 21);

        assertThat(layer.name()).isEqualTo("JNA");
        assertThat(layer.description()).isEqualTo("libc through JNA (JDK 21 predates java.lang.foreign, final in"
                + " JDK 22)");
    }

    @Test
    void jna_can_be_asked_for_on_any_jdk() {
        NativeLayer layer = NativeLayer.select("jna", JDK);

        assertThat(layer.unavailableReason()).isEmpty();
        assertThat(layer.why()).isEqualTo("-Dlllqos.native=jna");
        assertThat(layer.libc()).isInstanceOf(JnaLibc.class);
    }

    @Test
    void java_lang_foreign_asked_for_before_jdk_22_is_refused_with_the_rule() {
        NativeLayer layer = NativeLayer.select("ffm", 21);

        assertThat(layer.unavailableReason()).hasValue("-Dlllqos.native=ffm needs JDK 22 or later and an"
                + " lllqos-linux jar built on one; this is JDK 21");
        assertThatThrownBy(layer::libc).isInstanceOf(IllegalStateException.class).hasMessageContaining("JDK 22");
    }

    @Test
    void an_unknown_layer_is_refused_naming_the_value_and_the_choices() {
        NativeLayer layer = NativeLayer.select("panama", JDK);

        assertThat(layer.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("-Dlllqos.native=panama names no native layer", "ffm", "jna"));
    }

    @Test
    void both_layers_see_the_same_thread_scheduling_limits_and_clock() throws Exception {
        List<NativeLibc> layers = layersHere();
        Assumptions.assumeTrue(layers.size() == 2, "java.lang.foreign is final from JDK 22; this is JDK " + JDK);
        List<String> seen = new ArrayList<>();

        for (NativeLibc libc : layers) {
            seen.add(onNewThread(() -> {
                NativeMemory param = libc.threadInt();
                libc.sched_getparam(0, param);
                NativeMemory rlimit = libc.allocate(NativeLibc.SIZEOF_RLIMIT);
                libc.getrlimit(NativeLibc.RLIMIT_RTPRIO, rlimit);
                NativeMemory mask = libc.allocate(128);
                libc.sched_getaffinity(0, mask.size(), mask);
                return "tid-is-proc-self " + (libc.gettid() == KernelThread.id())
                        + " policy " + libc.sched_getscheduler(0) + " priority " + param.getInt(0)
                        + " nice " + libc.getpriority(NativeLibc.PRIO_PROCESS, 0)
                        + " rtprio " + rlimit.getLong(0) + "/" + rlimit.getLong(8)
                        + " affinity " + mask.getLong(0)
                        + " slack " + libc.prctl(NativeLibc.PR_GET_TIMERSLACK, 0, 0, 0, 0);
            }));
        }

        assertThat(seen.get(0)).startsWith("tid-is-proc-self true").isEqualTo(seen.get(1));
    }

    @Test
    void both_layers_count_the_threads_voluntary_context_switches_as_proc_does() throws Exception {
        for (NativeLibc libc : layersHere()) {
            long[] seen = onNewThread(() -> {
                NativeMemory usage = libc.allocate(NativeLibc.SIZEOF_RUSAGE);
                Thread.sleep(1);
                long procBefore = KernelThread.voluntarySwitches();
                libc.getrusage(NativeLibc.RUSAGE_THREAD, usage);
                long procAfter = KernelThread.voluntarySwitches();
                return new long[] {procBefore, usage.getLong(NativeLibc.RUSAGE_NVCSW_OFFSET), procAfter};
            });

            assertThat(seen[0]).as("a sleep is a voluntary switch").isPositive();
            assertThat(seen[1]).as("%s: ru_nvcsw between the two readings of /proc/thread-self/status",
                    libc.getClass().getSimpleName()).isBetween(seen[0], seen[2]);
        }
    }

    @Test
    void a_failed_call_throws_its_errno_on_both_layers() {
        for (NativeLibc libc : layersHere()) {
            assertThatThrownBy(() -> libc.close(-1)).isInstanceOfSatisfying(ErrnoException.class,
                    e -> assertThat(e.errnoName()).as(libc.getClass().getSimpleName()).isEqualTo("EBADF"));
            assertThatThrownBy(() -> libc.open(libc.cString("/nonexistent/lllqos"), NativeLibc.O_RDONLY))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT.number()));
        }
    }

    @Test
    void nice_minus_one_is_a_value_and_not_an_error_even_after_a_failed_call() throws Exception {
        RealEnvironment.requireRoot("lowers a nice value below 0");
        for (NativeLibc libc : layersHere()) {
            int nice = onNewThread(() -> {
                libc.setpriority(NativeLibc.PRIO_PROCESS, 0, -1);
                try {
                    libc.close(-1);
                } catch (ErrnoException expected) {
                    // leaves errno at EBADF, which getpriority must not report
                }
                return libc.getpriority(NativeLibc.PRIO_PROCESS, 0);
            });

            assertThat(nice).as(libc.getClass().getSimpleName()).isEqualTo(-1);
        }
    }

    @Test
    void both_layers_write_and_read_back_a_request_on_the_device() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        for (NativeLibc libc : layersHere()) {
            NativeMemory path = libc.cString(RealEnvironment.CPU_DMA_LATENCY.toString());
            int fd = libc.open(path, NativeLibc.O_RDWR | NativeLibc.O_CLOEXEC);
            try {
                NativeMemory value = libc.threadInt();
                value.setInt(0, 7);
                assertThat(libc.write(fd, value, 4)).isEqualTo(4);
                value.setInt(0, -5);
                assertThat(libc.pread(fd, value, 4, 0)).isEqualTo(4);
                assertThat(value.getInt(0)).as(libc.getClass().getSimpleName()).isBetween(0, 7);
            } finally {
                libc.close(fd);
            }
        }
    }

    @Test
    void both_layers_tell_the_device_by_statx_on_its_descriptor() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        String published = Files.readString(Path.of("/sys/class/misc/cpu_dma_latency/dev")).trim();
        for (NativeLibc libc : layersHere()) {
            int fd = libc.open(libc.cString(RealEnvironment.CPU_DMA_LATENCY.toString()), NativeLibc.O_RDONLY);
            try {
                NativeMemory statx = libc.allocate(NativeLibc.SIZEOF_STATX);
                libc.statx(fd, libc.cString(""), NativeLibc.AT_EMPTY_PATH, NativeLibc.STATX_TYPE, statx);
                int mode = statx.getShort(NativeLibc.STATX_MODE_OFFSET) & 0xffff;

                assertThat(mode & NativeLibc.S_IFMT).as(libc.getClass().getSimpleName()).isEqualTo(NativeLibc.S_IFCHR);
                assertThat(statx.getInt(NativeLibc.STATX_RDEV_MAJOR_OFFSET) + ":"
                        + statx.getInt(NativeLibc.STATX_RDEV_MINOR_OFFSET)).isEqualTo(published);
            } finally {
                libc.close(fd);
            }
        }
    }

    private static List<NativeLibc> layersHere() {
        return NativeLayer.everyLayerHere();
    }

    private static <T> T onNewThread(NativeCall<T> call) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                result.set(e);
            }
        }, "lllqos-test-native");
        thread.start();
        thread.join();
        if (result.get() instanceof Exception) {
            throw (Exception) result.get();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result.get();
        return value;
    }

    /** A check of native calls, which may fail with an errno. */
    interface NativeCall<T> {
        T call() throws Exception;
    }

    /** The calling thread's id as {@code /proc/thread-self} names it. */
    static final class KernelThread {
        private KernelThread() {
        }

        static long id() throws IOException {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        }

        static long voluntarySwitches() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            throw new IOException("/proc/thread-self/status has no voluntary_ctxt_switches");
        }
    }
}
