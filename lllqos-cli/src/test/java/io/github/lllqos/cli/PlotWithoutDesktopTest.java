package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cyclic --plot} in a child JVM whose runtime lacks java.desktop, as the {@code FROM scratch} image's jlinked
 * runtime once did: the modules it has there ({@code java.base}, {@code java.logging}) and nothing more. The device
 * path does not exist, so no CPU latency request is placed even if a run starts.
 */
class PlotWithoutDesktopTest {

    @ParameterizedTest
    @ValueSource(strings = {"latency.svg", "latency.png"})
    void a_plot_is_refused_before_the_run_naming_the_missing_module(String name, @TempDir Path dir) throws Exception {
        Path plot = dir.resolve(name);

        ChildCommand.Finished cyclic = ChildCommand.run(List.of("--limit-modules", "java.base,java.logging",
                "-Dlllqos.device=/nonexistent/cpu_dma_latency"), "cyclic", "-l", "1", "-q", "--plot",
                plot.toString());

        assertThat(cyclic.exit()).as(cyclic.output()).isEqualTo(2);
        assertThat(cyclic.output()).startsWith("lllqos cyclic: --plot needs the java.desktop module, which the Java"
                + " runtime at " + System.getProperty("java.home") + " lacks: run on a full JDK or JRE, or add"
                + " java.desktop to its jlink --add-modules\n")
                .doesNotContain("/dev/cpu_dma_latency", "T: 0", "NoClassDefFoundError");
        assertThat(plot).doesNotExist();
    }
}
