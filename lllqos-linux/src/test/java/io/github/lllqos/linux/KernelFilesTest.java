package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelFilesTest {

    @TempDir
    Path root;

    @Test
    void cpu_lists_parse_like_the_kernel_writes_them() {
        assertThat(KernelFiles.parseCpuList("0-3,8,10-11\n")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(KernelFiles.parseCpuList("\n")).isEmpty();
    }

    @Test
    void the_thread_id_from_proc_thread_self_is_the_one_gettid_returns() throws Exception {
        KernelFiles files = KernelFiles.system();
        NativeLibc libc = NativeLayer.current().libc();

        long[] ids = OnNewThread.call(() -> new long[] {files.threadSelfId(), libc.gettid()});

        assertThat(libc.hasGettid()).as("glibc 2.30 or later here").isTrue();
        assertThat(ids[0]).isEqualTo(ids[1]).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void the_cpu_count_comes_from_the_possible_cpus_and_isolated_ones_may_be_absent() throws Exception {
        Path cpu = Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.writeString(cpu.resolve("possible"), "0-1535\n");
        Files.writeString(cpu.resolve("online"), "0-3,6\n");
        KernelFiles files = new KernelFiles(root);

        assertThat(files.possibleCpus()).isEqualTo(1536);
        assertThat(files.onlineCpus()).containsExactly(0, 1, 2, 3, 6);
        assertThat(files.isolatedCpus()).isEmpty();
    }

    @Test
    void vmlck_is_read_in_bytes() throws Exception {
        Path status = Files.createDirectories(root.resolve("proc/self")).resolve("status");
        Files.writeString(status, "Name:\tjava\nVmLck:\t     12 kB\nCapEff:\t0000000000800000\n");
        KernelFiles files = new KernelFiles(root);

        assertThat(files.lockedBytes()).isEqualTo(12 * 1024);
        assertThat(files.hasCapability(KernelFiles.CAP_SYS_NICE)).contains(true);
        assertThat(files.hasCapability(KernelFiles.CAP_IPC_LOCK)).contains(false);
    }
}
