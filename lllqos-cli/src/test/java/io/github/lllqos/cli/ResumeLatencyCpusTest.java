package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.cpuidle.CpuIdle;
import io.github.lllqos.linux.CpuSysfsFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPUs and the value of {@code resume-latency}, on a copy of the sysfs tree with three CPUs. */
class ResumeLatencyCpusTest {

    @TempDir
    Path cpuDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void three_cpus_without_a_constraint() throws IOException {
        write("present", "0-2");
        for (int cpu = 0; cpu < 3; cpu++) {
            write("cpu" + cpu + "/power/pm_qos_resume_latency_us", cpu == 2 ? "n/a" : "0");
        }
    }

    @Test
    void cpus_show_only_those_cpus() {
        assertThat(run("--cpus", "2")).isZero();

        assertThat(out.toString()).isEqualTo("cpu2: n/a (strictest: 0 µs)\n");
    }

    @Test
    void a_value_with_cpus_sets_only_those_and_the_way_back_works_as_typed() throws IOException {
        assertThat(run("--cpus", "1,2", "25")).as(err.toString()).isZero();

        assertThat(read("cpu0")).isEqualTo("0");
        assertThat(read("cpu1")).isEqualTo("25");
        assertThat(read("cpu2")).isEqualTo("25");
        assertThat(out.toString()).contains("restore the previous values with: lllqos resume-latency --cpus 1 0"
                + " && lllqos resume-latency --cpus 2 n/a");
    }

    @Test
    void a_value_without_cpus_sets_every_cpu() throws IOException {
        assertThat(run("7")).isZero();

        assertThat(read("cpu0")).isEqualTo("7");
        assertThat(read("cpu2")).isEqualTo("7");
    }

    @Test
    void the_old_ambiguous_form_of_cpus_then_value_is_refused_and_nothing_changes() throws IOException {
        assertThat(run("0", "1")).isEqualTo(2);

        assertThat(err.toString()).contains("'1'").contains("see 'lllqos resume-latency --help'");
        assertThat(read("cpu0")).isEqualTo("0");
        assertThat(read("cpu1")).isEqualTo("0");
    }

    @Test
    void the_usage_shows_the_value_as_optional() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("[VALUE]", "--cpus=CPUS");
    }

    private int run(String... args) {
        ResumeLatencyCommand command = new ResumeLatencyCommand(() -> CpuIdle.of(new CpuSysfsFiles(cpuDirectory)));
        return LllqosCommand.commandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    private void write(String path, String content) throws IOException {
        Path file = cpuDirectory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }

    private String read(String cpu) throws IOException {
        return Files.readString(cpuDirectory.resolve(cpu + "/power/pm_qos_resume_latency_us")).strip();
    }
}
