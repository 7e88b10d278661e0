package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code FROM scratch} image's {@code lllqos} stage (docker/src/main/docker/Dockerfile) runs the command as the
 * launcher does (lllqos-cli/src/main/dist/bin/lllqos), without the launcher, which needs a shell the image lacks.
 */
class ScratchImageTest {

    private static final Path DOCKERFILE = Path.of("..", "docker", "src", "main", "docker", "Dockerfile");
    private static final Path LAUNCHER = Path.of("src", "main", "dist", "bin", "lllqos");

    private static List<String[]> stage() throws IOException {
        List<String[]> stage = DockerfileInstructions.ofStage(DOCKERFILE, "lllqos");
        assertThat(stage).as(DOCKERFILE + " has a stage lllqos").isNotEmpty();
        return stage;
    }

    @Test
    void its_entrypoint_gives_every_jvm_option_of_the_launchers_exec_line() throws IOException {
        String launcher = Files.readString(LAUNCHER);
        Matcher exec = Pattern.compile("(?s)\\nexec \"\\$java\" (.*?) \\$native_access").matcher(launcher);
        assertThat(exec.find()).as(LAUNCHER + " has an exec line").isTrue();
        List<String> options = Arrays.asList(exec.group(1).replace("\\\n", " ").trim().split("\\s+"));
        String entrypoint = stage().stream().filter(i -> i[0].equals("ENTRYPOINT")).map(i -> i[1]).findFirst()
                .orElseThrow();

        assertThat(options).isNotEmpty().allSatisfy(option -> assertThat(entrypoint).contains("\"" + option + "\""));
    }

    @Test
    void it_sets_the_malloc_arena_limit_the_launcher_sets() throws IOException {
        Matcher arenas = Pattern.compile("MALLOC_ARENA_MAX=\\$\\{MALLOC_ARENA_MAX:-(\\d+)}")
                .matcher(Files.readString(LAUNCHER));
        assertThat(arenas.find()).as(LAUNCHER + " sets MALLOC_ARENA_MAX").isTrue();

        assertThat(stage()).filteredOn(i -> i[0].equals("ENV")).extracting(i -> i[1])
                .contains("MALLOC_ARENA_MAX=" + arenas.group(1));
    }
}
