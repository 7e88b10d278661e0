package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules' descriptors hold up on the module path: the command runs as a named module, finds the Linux
 * provider through {@code provides}/{@code uses}, and libc is bound from a named module (java.lang.foreign on JDK 22+,
 * with native access granted to {@code io.github.lllqos.linux}; JNA before). The command's jar runs on the JDK's
 * layer without a restricted-method warning.
 */
class ModulePathIT {

    private static final List<String> MODULE_JARS = List.of("lllqos-api", "lllqos-linux", "lllqos-agent", "jna-jpms",
            "picocli", "HdrHistogram", "jackson-databind", "jackson-core", "jackson-annotations");

    @Test
    void the_command_runs_as_a_named_module_with_the_linux_provider() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        String modulePath = Stream.concat(Stream.of(commandJar()), dependencyModules())
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process child = new ProcessBuilder(modular(java, modulePath, "demo", "9", "--hold-ms", "1"))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("provider: linux", "holding a request for 9 µs")
                .doesNotContain("WARNING: A restricted method");
    }

    @Test
    void the_command_jar_names_the_jdks_native_layer_and_prints_no_restricted_method_warning() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String layer = Runtime.version().feature() >= 22 ? "libc through java.lang.foreign" : "libc through JNA";

        for (String command : List.of("providers", "status")) {
            Process child = new ProcessBuilder(java.toString(), "-jar", "target/lllqos.jar", command)
                    .redirectErrorStream(true).start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).as(command).contains(layer).doesNotContain("WARNING");
        }
    }

    @Test
    void the_cyclic_command_runs_as_a_named_module_and_draws_its_plot() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        String modulePath = Stream.concat(Stream.of(commandJar()), dependencyModules())
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path plot = Path.of("target", "module-path-cyclic.png");
        Files.deleteIfExists(plot);

        Process child = new ProcessBuilder(modular(java, modulePath, "cyclic", "-l", "20", "-q", "--plot",
                plot.toString())).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("C:     20", "# T: 0 p50:");
        assertThat(plot).isNotEmptyFile();
    }

    /** {@code java --module-path ... --module ...cli ARGS}, writing UTF-8, with native access for the Linux module. */
    private static List<String> modular(Path java, String modulePath, String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(ChildCommand.UTF_8_OUTPUT);
        command.addAll(List.of("--module-path", modulePath, "--enable-native-access=io.github.lllqos.linux"));
        command.addAll(List.of("--module", "io.github.lllqos.cli/io.github.lllqos.cli.LllqosCommand"));
        command.addAll(List.of(args));
        return command;
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
