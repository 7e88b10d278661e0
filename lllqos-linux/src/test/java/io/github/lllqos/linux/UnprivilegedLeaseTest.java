package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM running as {@code nobody} cannot open the device: its lease is not acquired, says why, and throws nothing. */
class UnprivilegedLeaseTest {

    @TempDir
    Path temp;

    @Test
    void a_process_without_permission_runs_on_with_a_reason_naming_the_fix() throws Exception {
        RealEnvironment.requireRoot();
        RealEnvironment.requireCpuDmaLatency();
        String classPath = copyClassPathReadableByAll();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                java.toString(), "-Djna.tmpdir=" + temp.resolve("jna"), "-cp", classPath,
                UnprivilegedProbe.class.getName())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("provider=linux", "acquired=false", "EACCES", "udev rule",
                "MODE=\"0660\"", "user nobody", "closed=true");
    }

    /** The build's class path lives under root's home; copy it where {@code nobody} can read it. */
    private String copyClassPathReadableByAll() throws IOException {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(Files.createDirectory(temp.resolve("jna")),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = temp.resolve("cp" + index++ + (Files.isDirectory(source) ? "" : ".jar"));
            copyTree(source, target);
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
