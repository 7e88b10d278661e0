package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    @Test
    void the_demo_shows_the_request_lowering_the_limit_and_its_release() throws java.io.IOException {
        RealEnvironment.requireCpuDmaLatency();
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new LllqosCommand()).setOut(new PrintWriter(out));

        int exit = command.execute("demo", "7", "--hold-ms", "10");

        assertThat(exit).isZero();
        Matcher during = Pattern.compile("effective CPU latency during: (\\d+) µs").matcher(out.toString());
        assertThat(during.find()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(during.group(1))).as("our 7 µs request, or a stricter one of another process")
                .isLessThanOrEqualTo(7);
        assertThat(out.toString()).contains("provider: linux", "holding a request for 7 µs")
                .containsPattern("effective CPU latency before: \\d+ µs")
                .containsPattern("effective CPU latency after: \\d+ µs");
        assertThat(holdsTheDevice()).as("this JVM released its request").isFalse();
    }

    private static boolean holdsTheDevice() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(
                java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().equals("/dev/cpu_dma_latency");
                } catch (java.io.IOException gone) {
                    return false;
                }
            });
        }
    }

    @Test
    void a_negative_target_is_refused_naming_the_value() {
        StringWriter err = new StringWriter();
        CommandLine command = LllqosCommand.commandLine(new LllqosCommand()).setErr(new PrintWriter(err));

        int exit = command.execute("demo", "--", "-3");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("was -3", "0.." + Integer.MAX_VALUE);
    }

    @Test
    void the_demo_exits_1_when_nothing_was_held() throws Exception {
        try (ChildCommand demo = ChildCommand.startWith(List.of("-Dlllqos.device=/nonexistent/cpu_dma_latency"),
                "demo", "--hold-ms", "1")) {
            assertThat(demo.awaitExit()).isEqualTo(1);
            assertThat(demo.rest()).contains("no request held: ");
        }
    }

    @Test
    void the_usage_shows_the_target_as_optional() {
        StringWriter out = new StringWriter();

        LllqosCommand.commandLine(new LllqosCommand()).setOut(new PrintWriter(out)).execute("demo", "--help");

        assertThat(out.toString()).contains("[MICROS]");
    }
}
