package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cpu_set_t sized from the CPU count: beyond 64 and 1024 CPUs, encoded as the kernel reads it. */
class CpuSetTest {

    private static final NativeLibc LIBC = NativeLayer.current().libc();

    @TempDir
    Path temp;

    @Test
    void the_size_is_whole_64_bit_words_for_the_cpu_count() {
        assertThat(CpuSet.allocSize(1)).isEqualTo(8);
        assertThat(CpuSet.allocSize(64)).isEqualTo(8);
        assertThat(CpuSet.allocSize(65)).isEqualTo(16);
        assertThat(CpuSet.allocSize(1024)).isEqualTo(128);
        assertThat(CpuSet.allocSize(1025)).isEqualTo(136);
        assertThat(CpuSet.allocSize(8192)).isEqualTo(1024);
    }

    @Test
    void cpus_beyond_64_and_1024_land_on_their_bits() {
        long size = CpuSet.allocSize(2048);
        NativeMemory mask = CpuSet.encode(Set.of(0, 63, 64, 65, 1023, 1024, 1030, 2047), LIBC.allocate(size));

        assertThat(mask.getLong(0)).isEqualTo(1L | 1L << 63);
        assertThat(mask.getLong(8)).isEqualTo(0b11L);
        assertThat(mask.getLong(15 * 8)).isEqualTo(1L << 63);
        assertThat(mask.getLong(16 * 8)).isEqualTo(1L | 1L << 6);
        assertThat(mask.getLong(31 * 8)).isEqualTo(1L << 63);
        assertThat(CpuSet.decode(mask)).containsExactly(0, 63, 64, 65, 1023, 1024, 1030, 2047);
    }

    @Test
    void a_cpu_beyond_the_mask_is_refused() {
        assertThatThrownBy(() -> CpuSet.encode(Set.of(64), LIBC.allocate(8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 64");
    }

    @Test
    void the_kernel_takes_masks_sized_for_4096_cpus() throws Exception {
        RealEnvironment.requireRoot("pins a thread to CPUs of a 4096-CPU mask");
        Path cpu = Files.createDirectories(temp.resolve("sys/devices/system/cpu"));
        Files.writeString(cpu.resolve("possible"), "0-4095\n");
        Files.writeString(cpu.resolve("online"), Files.readString(Path.of("/sys/devices/system/cpu/online")));
        LinuxRealtime backend = new LinuxRealtime(new KernelFiles(temp), LIBC);
        Set<Integer> online = backend.onlineCpus();

        Set<Integer> pinnedThenRead = OnNewThread.call(() -> {
            backend.setAffinity(0, Set.of(0));
            String pinned = KernelReport.cpusAllowedList();
            backend.setAffinity(0, online);
            assertThat(pinned).isEqualTo("0");
            return backend.affinity(0);
        });

        assertThat(pinnedThenRead).isEqualTo(online);
    }
}
