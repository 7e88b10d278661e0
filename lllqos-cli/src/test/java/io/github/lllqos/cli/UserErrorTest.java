package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Whatever a user gets wrong, the answer is a line or two and an exit code, never a stack trace or the usage. */
class UserErrorTest {

    @ParameterizedTest(name = "lllqos {0}")
    @ValueSource(strings = {
        "nonsense",
        "status --bogus",
        "hold 2147483648",
        "hold abc",
        "hold 1 2",
        "demo --hold-ms x",
        "resume-latency --cpus 4096 5",
        "resume-latency --cpus x 5",
        "resume-latency 5x",
        "idle-states --cpus 1-0",
        "idle-states --disable-deeper-than -1",
        "cyclic -a 4095 -l 1",
        "cyclic --json= -l 1",
        "cyclic -t -1 -l 1",
        "cyclic -D 1fortnight",
        "cyclic -i x",
    })
    void a_wrong_command_line_gets_a_short_answer_without_a_stack_trace(String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = LllqosCommand.commandLine(new LllqosCommand()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(line.split(" "));

        assertThat(exit).as(err.toString()).isIn(1, 2);
        assertThat(err.toString()).doesNotContain("\tat ", "Exception", "Usage:");
        assertThat(err.toString().lines().count()).as(err.toString()).isBetween(1L, 3L);
        assertThat(err.toString()).startsWith("lllqos");
    }
}
