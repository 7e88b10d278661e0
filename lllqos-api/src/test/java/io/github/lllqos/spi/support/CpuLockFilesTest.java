package io.github.lllqos.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.spi.CpuLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuLockFilesTest {

    @TempDir
    Path temp;

    @Test
    void a_lock_stores_its_record_and_refuses_a_second_holder_in_this_process() throws Exception {
        CpuLockFiles locks = new CpuLockFiles(temp.resolve("cpus"));
        CpuLock lock = locks.tryLock(3, "pid=1\nthread=a\n").orElseThrow();
        assertThat(lock.cpu()).isEqualTo(3);
        assertThat(new CpuLockFiles(temp.resolve("cpus")).tryLock(3, "pid=1\nthread=b\n")).isEmpty();
        assertThat(locks.holderRecord(3)).hasValue("pid=1\nthread=a\n");
        assertThat(Files.readString(temp.resolve("cpus/cpu-3.lock"))).isEqualTo("pid=1\nthread=a\n");
        lock.release();
        lock.release();
        assertThat(locks.holderRecord(3)).isEmpty();
        assertThat(locks.tryLock(3, "pid=1\nthread=b\n")).map(CpuLock::cpu).hasValue(3);
        locks.tryLock(3, "x").ifPresent(CpuLock::release);
    }

    @Test
    void a_file_left_with_a_record_but_no_lock_is_free() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("cpus"));
        Files.writeString(directory.resolve("cpu-5.lock"), "pid=999999\nstart=\nhost=gone\nthread=t\n");
        CpuLockFiles locks = new CpuLockFiles(directory);
        assertThat(locks.holderRecord(5)).isEmpty();
        Optional<CpuLock> lock = locks.tryLock(5, "pid=2\n");
        assertThat(lock).isPresent();
        assertThat(Files.readString(directory.resolve("cpu-5.lock"))).isEqualTo("pid=2\n");
        lock.get().release();
        assertThat(Files.readString(directory.resolve("cpu-5.lock"))).isEmpty();
    }

    @Test
    void the_directory_and_files_it_creates_are_shared_by_every_user() throws Exception {
        Path directory = temp.resolve("run/lllqos/cpus");
        CpuLockFiles locks = new CpuLockFiles(directory);
        locks.tryLock(0, "pid=3\n").orElseThrow().release();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwxrwxrwx");
        assertThat((int) Files.getAttribute(directory, "unix:mode") & 07777).isEqualTo(01777);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("cpu-0.lock"))))
                .isEqualTo("rw-rw-rw-");
        assertThat(locks.location()).isEqualTo(directory.toString());
    }

    @Test
    void a_negative_cpu_is_rejected_naming_it() {
        CpuLockFiles locks = new CpuLockFiles(temp);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> locks.tryLock(-1, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU -1");
    }
}
