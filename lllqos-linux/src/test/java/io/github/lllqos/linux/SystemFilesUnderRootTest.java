package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux provider's {@code /proc} and {@code /sys} reports, read, listed and followed below a root. */
class SystemFilesUnderRootTest {

    @TempDir
    Path root;

    @Test
    void files_directories_and_links_are_read_below_the_root() throws Exception {
        Files.createDirectories(root.resolve("proc/123/fd"));
        Files.writeString(root.resolve("proc/123/comm"), "cyclictest\n");
        Files.createSymbolicLink(root.resolve("proc/123/fd/3"), Path.of("/dev/cpu_dma_latency"));
        SystemFilesUnderRoot files = new SystemFilesUnderRoot(root);

        assertThat(files.read("/proc/123/comm")).isEqualTo("cyclictest\n");
        assertThat(files.list("/proc")).containsExactly("123");
        assertThat(files.list("/proc/123/fd")).containsExactly("3");
        assertThat(files.readLink("/proc/123/fd/3")).isEqualTo("/dev/cpu_dma_latency");
        assertThatThrownBy(() -> files.read("/proc/456/comm")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void a_proc_sys_value_is_read_whole_though_the_kernel_answers_no_second_read() throws Exception {
        Path runtime = Path.of("/proc/sys/kernel/sched_rt_runtime_us");
        RealEnvironment.require(Files.isReadable(runtime), runtime + " is not readable");

        String value = new SystemFilesUnderRoot(Path.of("/")).read(runtime.toString()).strip();

        assertThat(value).as("not only the first byte").matches("-1|[0-9]{2,}");
    }
}
