package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class LatencyPlotTest {

    private static final SystemInfo MACHINE = new SystemInfo("Linux", "vm", "6.18", "#1 SMP", "x86_64", false);

    private static CyclicResult run() {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 0);
        for (int i = 0; i < 10_000; i++) {
            stats.record(15_000 + (i % 13) * 700 + (i % 1000 == 0 ? 400_000 : 0));
        }
        CyclicSettings settings = new CyclicSettings(1000, 500, 10_000, SchedPolicy.FIFO, 80, true, Optional.empty(), 1,
                0, 0, Duration.ZERO);
        return new CyclicResult(settings, List.of(stats), Instant.parse("2026-11-22T03:00:00Z"),
                Instant.parse("2026-11-22T03:00:10Z"), true, Optional.empty());
    }

    @Test
    void a_png_plot_is_an_image_with_the_histogram_drawn_in_it(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latency.png");

        LatencyPlot.write(run(), MACHINE, file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(600);
        long coloured = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int b = rgb & 0xff;
                if (b > r + 40) {
                    coloured++;
                }
            }
        }
        assertThat(coloured).as("pixels of the blue series").isGreaterThan(1000);
    }

    @Test
    void an_svg_plot_is_well_formed_and_labels_the_percentiles_and_what_is_beyond(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("latency.svg");

        LatencyPlot.write(run(), MACHINE, file);

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        String text = Files.readString(file);
        assertThat(text).contains(">p50<", ">p99<", ">p99.9<", "SCHED_FIFO 80, interval 1000 µs, -m",
                "(10 beyond 36 µs, not drawn)", "max 423.4 µs");
    }

    @Test
    void other_file_types_are_refused_before_anything_runs() {
        assertThatThrownBy(() -> LatencyPlot.checkName(Path.of("plot.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--plot file must end in .png or .svg, was 'plot.jpg'");
    }

    @Test
    void axis_steps_are_one_two_or_five_times_a_power_of_ten() {
        assertThat(LatencyPlot.niceStep(0.3)).isEqualTo(1);
        assertThat(LatencyPlot.niceStep(1.5)).isEqualTo(2);
        assertThat(LatencyPlot.niceStep(3)).isEqualTo(5);
        assertThat(LatencyPlot.niceStep(7)).isEqualTo(10);
        assertThat(LatencyPlot.niceStep(120)).isEqualTo(200);
    }
}
