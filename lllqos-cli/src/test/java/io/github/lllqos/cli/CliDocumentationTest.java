package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli.md documents every command, option and parameter the command line has, each in its command's section. */
class CliDocumentationTest {

    private static final Path DOC = Path.of("..", "docs", "cli.md");

    private static Map<String, String> sections() throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher heading = Pattern.compile("(?m)^## `([a-z-]+)`$").matcher(Files.readString(DOC));
        String text = Files.readString(DOC);
        int start = -1;
        String name = null;
        while (heading.find()) {
            if (name != null) {
                sections.put(name, text.substring(start, heading.start()));
            }
            name = heading.group(1);
            start = heading.end();
        }
        int end = text.indexOf("\n## ", start);
        sections.put(name, text.substring(start, end < 0 ? text.length() : end));
        return sections;
    }

    @Test
    void every_command_option_and_parameter_is_documented_in_its_section() throws IOException {
        Map<String, String> sections = sections();
        CommandLine lllqos = new CommandLine(new LllqosCommand());

        for (Map.Entry<String, CommandLine> command : lllqos.getSubcommands().entrySet()) {
            if (command.getKey().equals("help")) {
                continue;
            }
            assertThat(sections).as("a section '## `" + command.getKey() + "`'").containsKey(command.getKey());
            String section = sections.get(command.getKey());
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                if (option.usageHelp() && !command.getKey().equals("cyclic") || option.versionHelp()) {
                    continue;
                }
                assertThat(Arrays.stream(option.names()).anyMatch(name -> section.contains("`" + name)))
                        .as(command.getKey() + " " + String.join(", ", option.names())).isTrue();
            }
            command.getValue().getCommandSpec().positionalParameters().forEach(parameter ->
                    assertThat(section).as(command.getKey() + " " + parameter.paramLabel())
                            .contains(parameter.paramLabel()));
        }
    }

    @Test
    void every_key_of_the_status_json_is_documented() throws IOException {
        String section = sections().get("status");
        String json = ReportJson.render(new StatusCollector(StatusFiles.of(io.github.lllqos.LowLatency.providerSelection().chosen()),
                io.github.lllqos.cpuidle.CpuIdle::current, io.github.lllqos.realtime.Realtime::timerSlackNanos)
                .collect());

        Matcher key = Pattern.compile("\"([a-z_0-9]+)\": ").matcher(json);
        while (key.find()) {
            String name = key.group(1).replaceFirst("^cpu\\d+$", "cpuN");
            if (name.equals("unknown")) {
                continue;
            }
            assertThat(section).as("status --json key " + name).contains(name);
        }
    }
}
