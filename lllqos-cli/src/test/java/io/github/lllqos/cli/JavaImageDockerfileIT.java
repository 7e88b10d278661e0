package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile, which no test here can build (its base image comes from a registry), checked as far as it
 * can be without one: each instruction is one Docker knows, the base is a Java 17+ image, what it adds is in its
 * build context (target/) and unpacks to the paths its ENTRYPOINT and PATH name.
 */
class JavaImageDockerfileIT {

    private static final Path DOCKERFILE = Path.of("..", "docker", "Dockerfile");
    private static final Path CONTEXT = Path.of("target");
    private static final List<String> INSTRUCTIONS = List.of("FROM", "ARG", "ADD", "COPY", "ENV", "ENTRYPOINT", "CMD",
            "RUN", "LABEL", "USER", "WORKDIR");

    private static List<String[]> instructions() throws IOException {
        return DockerfileInstructions.of(DOCKERFILE);
    }

    private static String argument(String name) throws IOException {
        return instructions().stream().filter(i -> i[0].equals(name)).map(i -> i[1]).findFirst().orElseThrow(
                () -> new AssertionError(DOCKERFILE + " has no " + name));
    }

    @Test
    void every_instruction_is_one_docker_knows_and_the_image_starts_from_java_17_or_newer() throws IOException {
        assertThat(instructions()).extracting(i -> i[0].toUpperCase(Locale.ROOT)).allMatch(INSTRUCTIONS::contains);
        String from = argument("FROM");
        String base = from.startsWith("${") ? argument("ARG").replaceFirst("^JAVA_IMAGE=", "") : from;
        Matcher version = Pattern.compile("^eclipse-temurin:(\\d+)-(jre|jdk)").matcher(base);
        assertThat(version.find()).as(base).isTrue();
        assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(17);
    }

    @Test
    void what_it_adds_is_in_its_context_and_unpacks_to_the_launcher_its_entrypoint_runs() throws Exception {
        String[] add = argument("ADD").split("\\s+");
        Path archive = CONTEXT.resolve(add[0]);
        assertThat(archive).as("ADD's source, in the build context").isRegularFile();
        assertThat(add[0]).as("ADD unpacks only local tar archives").endsWith(".tar.gz");

        Process list = new ProcessBuilder("tar", "-tzvf", archive.toString()).redirectErrorStream(true).start();
        String entries = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String entrypoint = argument("ENTRYPOINT").replaceAll("[\\[\\]\"]", "").strip();
        String inArchive = Path.of(add[1]).relativize(Path.of(entrypoint)).toString();
        assertThat(entries).as("the ENTRYPOINT, unpacked from the archive").containsPattern(
                "-rwxr-xr-x .* " + Pattern.quote(inArchive) + "\n");
        assertThat(argument("ENV")).contains("PATH=" + Path.of(entrypoint).getParent() + ":");
    }
}
