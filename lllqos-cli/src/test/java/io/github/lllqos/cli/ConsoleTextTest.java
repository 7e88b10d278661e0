package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConsoleTextTest {

    private static String written(Charset charset, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter writer = ConsoleText.writer(bytes, charset);
        writer.print(text);
        writer.write("µ".toCharArray(), 0, 1);
        writer.write('µ');
        writer.flush();
        return bytes.toString(charset);
    }

    @Test
    void where_the_encoding_has_no_micro_sign_microseconds_are_written_us_as_cyclictest_writes_them() {
        assertThat(written(StandardCharsets.US_ASCII, "held 5 µs")).isEqualTo("held 5 usuu");
    }

    @Test
    void where_it_has_one_the_micro_sign_stays() {
        assertThat(written(StandardCharsets.UTF_8, "held 5 µs")).isEqualTo("held 5 µsµµ");
        assertThat(written(StandardCharsets.ISO_8859_1, "5 µs")).isEqualTo("5 µsµµ");
    }

    @Test
    void the_command_in_the_c_locale_prints_us_and_no_question_marks() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LllqosCommand.class.getName(), "hold", "--help"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("to request, in us, 0..2147483647").doesNotContain("?", "µ");
    }
}
