package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A misspelled {@code -Dlllqos.provider} stops every command with the known providers, in a child JVM. */
class ProviderMisconfigurationTest {

    @Test
    void status_with_a_provider_name_in_the_wrong_case_exits_2_naming_the_known_providers() throws Exception {
        try (ChildCommand status = ChildCommand.startWith(List.of("-Dlllqos.provider=LINUX"), "status")) {
            String output = status.rest();

            assertThat(status.waitForExit()).as(output).isEqualTo(2);
            assertThat(output).contains("lllqos: -Dlllqos.provider=LINUX names no provider: the known providers"
                    + " are linux, none (names are case-sensitive: did you mean linux?)")
                    .doesNotContain("CPU latency limit");
        }
    }

    @Test
    void the_misconfiguration_is_said_in_one_line_by_the_command_not_again_by_the_librarys_log() throws Exception {
        try (ChildCommand status = ChildCommand.startWith(List.of("-Dlllqos.provider=nonsense"), "status")) {
            String output = status.rest();

            assertThat(status.waitForExit()).as(output).isEqualTo(2);
            assertThat(output.lines().filter(line -> line.contains("names no provider"))).as(output)
                    .containsExactly("lllqos: -Dlllqos.provider=nonsense names no provider: the known providers are"
                            + " linux, none; nothing is requested until it names one of them ('none' disables"
                            + " lllqos)");
        }
    }

    @Test
    void hold_with_an_unknown_provider_exits_2_before_holding_anything() throws Exception {
        try (ChildCommand hold = ChildCommand.startWith(List.of("-Dlllqos.provider=nonsense"), "hold", "5")) {
            String output = hold.rest();

            assertThat(hold.waitForExit()).as(output).isEqualTo(2);
            assertThat(output).contains("-Dlllqos.provider=nonsense names no provider").doesNotContain("holding");
        }
    }

    @Test
    void help_still_works_while_the_provider_is_misspelled() throws Exception {
        try (ChildCommand help = ChildCommand.startWith(List.of("-Dlllqos.provider=nonsense"), "--help")) {
            String output = help.rest();

            assertThat(help.waitForExit()).as(output).isZero();
            assertThat(output).contains("Usage: lllqos");
        }
    }
}
