package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A temporary directory on a file system mounted {@code noexec}, where JNA cannot load its native library: the
 * java.lang.foreign layer holds its lease and writes nothing there; the JNA layer says how to get out.
 */
class NoexecTmpdirTest {

    private static final int JDK = Runtime.version().feature();

    @TempDir
    Path temp;

    private Path noexec;
    private boolean mounted;

    @BeforeEach
    void mountANoexecTmpfs() throws Exception {
        RealEnvironment.requireRoot("mounts a noexec tmpfs");
        noexec = Files.createDirectory(temp.resolve("noexec"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,nosuid,nodev,size=16m,mode=1777",
                "tmpfs", noexec.toString()).redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        RealEnvironment.require(mounted, "cannot mount a noexec tmpfs here: " + output.trim());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            Process umount = new ProcessBuilder("umount", noexec.toString()).inheritIO().start();
            assertThat(umount.waitFor(30, TimeUnit.SECONDS) && umount.exitValue() == 0).as("umount " + noexec)
                    .isTrue();
        }
    }

    @Test
    void java_lang_foreign_holds_the_lease_and_writes_nothing_into_a_noexec_tmpdir() throws Exception {
        Assumptions.assumeTrue(JDK >= 22, "java.lang.foreign is final from JDK 22; this is JDK " + JDK);
        RealEnvironment.requireCpuDmaLatency();

        String output = new ChildJvm(temp).run(List.of(), List.of("-Djava.io.tmpdir=" + noexec,
                "-Djna.tmpdir=" + noexec), LayerProbe.class);

        assertThat(output).contains("libc through java.lang.foreign", "acquired=true", "periodic=clock_nanosleep");
        try (Stream<Path> written = Files.walk(noexec)) {
            assertThat(written.filter(path -> !path.equals(noexec))).as("files written into " + noexec).isEmpty();
        }
    }

    @Test
    void jna_on_a_noexec_tmpdir_is_passed_over_with_a_reason_naming_both_fixes() throws IOException,
            InterruptedException {
        List<String> options = JDK >= 22
                ? List.of("-Djava.io.tmpdir=" + noexec, "-Djna.tmpdir=" + noexec, "-Dlllqos.native=jna")
                : List.of("-Djava.io.tmpdir=" + noexec, "-Djna.tmpdir=" + noexec);

        String output = new ChildJvm(temp).run(List.of(), options, LayerProbe.class);

        assertThat(output).contains("provider: none", "acquired=false", "JNA could not load its native library",
                "-Djna.tmpdir=" + noexec + ", which is on a file system mounted noexec",
                "set -Djna.tmpdir= to a writable directory on a file system mounted exec",
                "or run on JDK 22 or later");
    }
}
