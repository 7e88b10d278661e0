package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code cyclic} in a child JVM with the launcher's heap ({@code bin/lllqos}: {@code -Xms64m -Xmx64m}, the serial
 * collector), and a device path that does not exist, so that no CPU latency request is placed even if a run starts.
 */
class CyclicHeapTest {

    /** The heap options of {@code src/main/dist/bin/lllqos}, as it runs the command. */
    private static final List<String> LAUNCHER_HEAP = List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch",
            "-XX:+UseSerialGC");

    private static ChildCommand.Finished cyclicAsTheLauncherRunsIt(String... args) throws Exception {
        return cyclicAsTheLauncherRunsIt(List.of(), args);
    }

    /** With {@code javaOptions} after the launcher's, as it passes {@code JAVA_OPTS}. */
    private static ChildCommand.Finished cyclicAsTheLauncherRunsIt(List<String> javaOptions, String... args)
            throws Exception {
        List<String> options = new ArrayList<>(LAUNCHER_HEAP);
        options.add("-Dlllqos.device=/nonexistent/cpu_dma_latency");
        options.add("-D" + LllqosCommand.COMMAND_PROPERTY + "=lllqos");
        options.addAll(javaOptions);
        List<String> line = new ArrayList<>(List.of("cyclic"));
        line.addAll(List.of(args));
        return ChildCommand.run(options, line.toArray(String[]::new));
    }

    @Test
    void a_run_the_heap_cannot_hold_is_refused_before_any_request_naming_the_options_the_heap_and_the_fix()
            throws Exception {
        ChildCommand.Finished cyclic = cyclicAsTheLauncherRunsIt("-h", "1000000", "-t", "3", "-l", "1", "-q");

        assertThat(cyclic.exit()).as(cyclic.output()).isEqualTo(2);
        assertThat(cyclic.output()).contains("lllqos cyclic: -t 3 threads with -h 1000000 need about 62.4 MB of heap"
                + " (200 KB per thread for the percentiles and 15.3 MB for the -h 1000000 buckets, 16.0 MB for the"
                + " rest), but this JVM's heap is at most ", "give it more with JAVA_OPTS=-Xmx128m (the lllqos"
                + " launcher passes JAVA_OPTS after its -Xmx64m)")
                .doesNotContain("/dev/cpu_dma_latency", "OutOfMemoryError", "# Histogram");
    }

    @Test
    void the_launchers_heap_holds_one_thread_with_a_histogram_of_a_million_microseconds() throws Exception {
        ChildCommand.Finished cyclic = cyclicAsTheLauncherRunsIt("-h", "1000000", "-l", "1", "-q", "-i", "100");

        assertThat(cyclic.exit()).as(cyclic.output().lines().limit(20).toList().toString()).isZero();
        assertThat(cyclic.output()).contains("\n999999 000000\n# Total: ", "# Histogram Overflows: ")
                .doesNotContain("OutOfMemoryError");
    }

    @Test
    void three_hundred_threads_are_refused_in_the_launchers_heap_and_run_in_the_heap_the_refusal_names()
            throws Exception {
        ChildCommand.Finished refused = cyclicAsTheLauncherRunsIt("-t", "300", "-l", "1", "-q", "--laptop");
        Matcher fix = Pattern.compile("JAVA_OPTS=(-Xmx\\d+m) ").matcher(refused.output());

        assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("lllqos cyclic: -t 300 threads with -h 0 need about")
                .doesNotContain("OutOfMemoryError");
        assertThat(fix.find()).as(refused.output()).isTrue();

        ChildCommand.Finished ran = cyclicAsTheLauncherRunsIt(List.of(fix.group(1)), "-t", "300", "-l", "1", "-q",
                "--laptop");

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("T:299 ");
    }
}
