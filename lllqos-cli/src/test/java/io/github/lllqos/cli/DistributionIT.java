package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.contract.RealSysfsBaseline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The distribution archive, unpacked as a user would: its launcher, the JVM options it gives, its hints. */
@ExtendWith(RealSysfsBaseline.class)
class DistributionIT {

    private static final Path ARCHIVE = Path.of("target", "lllqos-bin.tar.gz");

    @TempDir
    static Path unpacked;

    private static Path launcher;

    @BeforeAll
    static void unpack_the_archive() throws Exception {
        assertThat(ARCHIVE).as("built by the package phase").isRegularFile();
        Result tar = run(List.of("tar", "-xzf", ARCHIVE.toAbsolutePath().toString(), "-C", unpacked.toString()),
                Map.of());
        assertThat(tar.exit).as(tar.output).isZero();
        launcher = unpacked.resolve("lllqos/bin/lllqos");
    }

    @Test
    void the_archive_holds_the_launcher_the_jar_and_the_command_documentation() {
        assertThat(launcher).isExecutable();
        assertThat(unpacked.resolve("lllqos/lib/lllqos.jar")).isRegularFile();
        assertThat(unpacked.resolve("lllqos/doc/cli.md")).isRegularFile();
    }

    @Test
    void the_launcher_runs_the_command() throws Exception {
        Result version = run(List.of(launcher.toString(), "--version"), Map.of());

        assertThat(version.exit).as(version.output).isZero();
        assertThat(version.output).startsWith("lllqos ");
    }

    @Test
    void the_launcher_gives_a_small_fixed_heap_and_native_access_to_a_java_17_or_newer(@TempDir Path jdk)
            throws Exception {
        fakeJava(jdk, "JAVA_VERSION=\"21.0.4\"");

        Result args = run(List.of(launcher.toString(), "status"), Map.of("JAVA_HOME", jdk.toString(),
                "JAVA_OPTS", "-Dextra=1"));

        assertThat(args.exit).as(args.output).isZero();
        assertThat(args.output).contains("-Xms64m -Xmx64m -XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED",
                "-Dextra=1 -jar " + unpacked.resolve("lllqos/lib/lllqos.jar") + " status");
    }

    @Test
    void the_launcher_refuses_a_java_older_than_17_saying_which(@TempDir Path jdk) throws Exception {
        fakeJava(jdk, "JAVA_VERSION=\"11.0.2\"");

        Result refused = run(List.of(launcher.toString(), "status"), Map.of("JAVA_HOME", jdk.toString()));

        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.output).contains("needs Java 17 or newer", "is Java 11");
    }

    @Test
    void a_restore_hint_is_a_command_that_works_as_typed(@TempDir Path sysfs, @TempDir Path path) throws Exception {
        Files.createDirectories(sysfs.resolve("cpu0/power"));
        Files.writeString(sysfs.resolve("present"), "0\n");
        Path value = sysfs.resolve("cpu0/power/pm_qos_resume_latency_us");
        Files.writeString(value, "0\n");
        Files.createSymbolicLink(path.resolve("lllqos"), launcher);
        Map<String, String> env = Map.of("JAVA_OPTS", "-Dlllqos.cpu-sysfs=" + sysfs + " -Dlllqos.journal.dir="
                + path.resolve("journal"), "PATH", path + ":" + System.getenv("PATH"));

        Result set = run(List.of("sh", "-c", "lllqos resume-latency --cpus 0 30"), env);

        assertThat(set.exit).as(set.output).isZero();
        assertThat(Files.readString(value).strip()).isEqualTo("30");
        Matcher hint = Pattern.compile("restore the previous values with: (.*)").matcher(set.output);
        assertThat(hint.find()).as(set.output).isTrue();
        assertThat(hint.group(1)).isEqualTo("lllqos resume-latency --cpus 0 0");

        Result restore = run(List.of("sh", "-c", hint.group(1)), env);

        assertThat(restore.exit).as(restore.output).isZero();
        assertThat(Files.readString(value).strip()).isEqualTo("0");
    }

    @Test
    void mlockall_under_the_launcher_locks_well_under_a_gigabyte() throws Exception {
        RealEnvironment.requireRoot("mlockall of the whole JVM");
        Process cyclic = new ProcessBuilder(launcher.toString(), "cyclic", "-m", "-l", "4000", "-q")
                .redirectErrorStream(true).start();
        try {
            long lockedKb = 0;
            for (int i = 0; i < 200 && lockedKb == 0 && cyclic.isAlive(); i++) {
                Thread.sleep(20);
                lockedKb = lockedKb(cyclic.pid());
            }
            assertThat(lockedKb).as("VmLck of the running command, kB").isPositive().isLessThan(1L << 20);
            assertThat(cyclic.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cyclic.exitValue()).isZero();
        } finally {
            cyclic.destroyForcibly();
        }
    }

    private static long lockedKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmLck:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException ended) {
            // not yet or no more
        }
        return 0;
    }

    /** A Java home whose {@code bin/java} prints its arguments, with this {@code release} line. */
    private static void fakeJava(Path jdk, String release) throws IOException {
        Files.createDirectories(jdk.resolve("bin"));
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jdk.resolve("release"), release + "\n");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended: " + command).isTrue();
        return new Result(process.exitValue(), output);
    }
}
