package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's self-contained jar run as {@code java -jar target/lllqos.jar}, without the launcher: its error lines
 * and the commands its help and hints print name it as typed, {@code java -jar /path/to/lllqos.jar}, since there
 * is no {@code lllqos} to run.
 */
class SelfContainedJarIT {

    private static final Path JAR = Path.of("target", "lllqos.jar").toAbsolutePath();

    private record Finished(int exit, String output) {
    }

    private static Finished javaJar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(ChildCommand.UTF_8_OUTPUT);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("ended: " + command).isTrue();
        return new Finished(child.exitValue(), output);
    }

    @Test
    void an_error_of_attach_starts_with_the_command_as_typed() throws Exception {
        Finished attach = javaJar("attach", "999999999");

        assertThat(attach.exit()).as(attach.output()).isEqualTo(1);
        assertThat(attach.output()).startsWith("java -jar " + JAR + " attach: no process 999999999");
    }

    @Test
    void the_hold_of_a_sysfs_value_names_the_restore_command_as_typed(@TempDir Path sysfs, @TempDir Path journal)
            throws Exception {
        Files.createDirectories(sysfs.resolve("cpu0/power"));
        Files.writeString(sysfs.resolve("present"), "0\n");
        Path value = sysfs.resolve("cpu0/power/pm_qos_resume_latency_us");
        Files.writeString(value, "0\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dlllqos.cpu-sysfs=" + sysfs, "-Dlllqos.journal.dir=" + journal, "-jar",
                JAR.toString(), "resume-latency", "--cpus", "0", "--hold", "30"));
        Process hold = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(hold.getInputStream(),
                StandardCharsets.UTF_8))) {
            String held = output.lines().takeWhile(line -> !line.startsWith("holding until SIGINT"))
                    .collect(Collectors.joining("\n"));

            assertThat(held).contains("then java -jar " + JAR + " restore puts it back");
        } finally {
            hold.destroy();
            assertThat(hold.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(value).strip()).as("put back on SIGTERM").isEqualTo("0");
    }

    @Test
    void the_help_names_the_restore_command_and_the_example_as_typed() throws Exception {
        Finished resumeLatency = javaJar("resume-latency", "--help");
        Finished cyclic = javaJar("cyclic", "--help");

        // The help is wrapped to the terminal's width, and a long path to the jar may be broken anywhere: compare
        // without the white space.
        assertThat(withoutSpace(resumeLatency.output()))
                .contains(withoutSpace("after kill -9 by java -jar " + JAR + " restore or the next lllqos command"));
        assertThat(withoutSpace(cyclic.output())).contains(withoutSpace("Example: java -jar " + JAR + " cyclic -p 80"));
    }

    private static String withoutSpace(String text) {
        return text.replaceAll("\\s+", "");
    }
}
