package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules' descriptors hold up on the module path: the command runs as a named module, finds the Linux
 * provider through {@code provides}/{@code uses}, and JNA binds libc from a named module.
 */
class ModulePathIT {

    private static final List<String> MODULE_JARS = List.of("lllqos-api", "lllqos-linux", "jna-jpms", "picocli",
            "HdrHistogram", "jackson-databind", "jackson-core", "jackson-annotations");

    @Test
    void the_command_runs_as_a_named_module_with_the_linux_provider() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        String modulePath = Stream.concat(Stream.of(commandJar()), dependencyModules())
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        command.addAll(ChildCommand.UTF_8_OUTPUT);
        command.addAll(List.of("--module-path", modulePath,
                "--module", "io.github.lllqos.cli/io.github.lllqos.cli.LllqosCommand", "demo", "9", "--hold-ms", "1"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("provider: linux", "holding a request for 9 µs");
    }

    @Test
    void the_cyclic_command_runs_as_a_named_module_and_draws_its_plot() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        String modulePath = Stream.concat(Stream.of(commandJar()), dependencyModules())
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path plot = Path.of("target", "module-path-cyclic.png");
        Files.deleteIfExists(plot);

        Process child = new ProcessBuilder(java.toString(), "--module-path", modulePath,
                "--module", "io.github.lllqos.cli/io.github.lllqos.cli.LllqosCommand", "cyclic", "-l", "20", "-q",
                "--plot", plot.toString()).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("C:     20", "# T: 0 p50:");
        assertThat(plot).isNotEmptyFile();
    }

    private static String commandJar() throws Exception {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.map(Path::toString)
                    .filter(name -> name.matches(".*/lllqos-cli-[0-9][^/]*-SNAPSHOT\\.jar|.*/lllqos-cli-[0-9.]+\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no lllqos-cli jar in target/"));
        }
    }

    private static Stream<String> dependencyModules() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> MODULE_JARS.stream().anyMatch(name -> entry.contains("/" + name + "/")
                        || entry.contains("/" + name + "-")))
                .filter(entry -> !entry.contains("test"));
    }
}
