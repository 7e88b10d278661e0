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
import java.util.OptionalInt;
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
                0, OptionalInt.of(0), Duration.ZERO);
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
    void an_svg_plot_is_well_formed_and_its_axis_reaches_the_maximum_with_every_line_labelled(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("latency.svg");

        LatencyPlot.write(run(), MACHINE, file);

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        String text = Files.readString(file);
        assertThat(text).contains(">p50<", ">p99<", ">p99.9<", ">max<", "SCHED_FIFO 80, interval 1000 µs, -m",
                "max 423.4 µs", ">10<", ">100<", ">1,000<").doesNotContain("beyond", "not drawn");
    }

    @Test
    void the_plot_shows_the_spinning_cost_and_the_deadline_run_as_the_text_does(@TempDir Path dir) throws Exception {
        ThreadStats stats = new ThreadStats(0, 4000, 0, -1, 0);
        stats.record(20_000);
        stats.skipped(2);
        stats.blocks(0);
        CyclicResult deadline = new CyclicResult(new CyclicSettings(4000, 500, 1, SchedPolicy.DEADLINE, 0, false,
                Optional.empty(), 1, 0, OptionalInt.empty(), Duration.ZERO, SpinFinish.NONE, 2400), List.of(stats),
                Instant.EPOCH, Instant.EPOCH, true, Optional.empty());
        ThreadStats spinning = new ThreadStats(0, 1000, 80, -1, 0);
        spinning.record(1_000);
        spinning.spin(30_000, 30_000);
        CyclicResult spin = new CyclicResult(new CyclicSettings(1000, 500, 1, SchedPolicy.FIFO, 80, true,
                Optional.empty(), 1, 0, OptionalInt.of(0), Duration.ZERO, SpinFinish.parse("30"), 0),
                List.of(spinning), Instant.EPOCH, Instant.EPOCH, true, Optional.empty());

        LatencyPlot.write(deadline, MACHINE, dir.resolve("deadline.svg"));
        LatencyPlot.write(spin, MACHINE, dir.resolve("spin.svg"));

        assertThat(Files.readString(dir.resolve("deadline.svg")))
                .contains(">deadline: runtime 2400 us, deadline 4000 us, period 4000 us, 2 periods missed, 0 jobs"
                        + " blocked<");
        assertThat(Files.readString(dir.resolve("spin.svg")))
                .contains(">spin: margin 30.0 us (30 us), 30.0 us per activation, 0.0 ms in all, 3.00% of a CPU<");
    }

    @Test
    void the_lateness_axis_runs_from_a_power_of_ten_below_the_fastest_to_one_above_the_slowest_wake_up() {
        ThreadStats stats = new ThreadStats(0, 1000, 80, -1, 0);
        stats.record(5_300);
        stats.record(7_339_000);

        LatencyPlot.LogAxis axis = LatencyPlot.LogAxis.covering(List.of(stats));

        assertThat(axis.lowMicros()).isEqualTo(1);
        assertThat(axis.highMicros()).isEqualTo(10_000).isGreaterThan(7_339);
        assertThat(axis.position(7_339)).isLessThan(1);
        assertThat(axis.position(1000)).isEqualTo(0.75);
    }

    @Test
    void each_threads_percentile_lines_are_labelled_with_the_thread(@TempDir Path dir) throws Exception {
        ThreadStats first = new ThreadStats(0, 1000, 80, -1, 0);
        ThreadStats second = new ThreadStats(1, 1500, 80, -1, 0);
        for (int i = 0; i < 1000; i++) {
            first.record(10_000 + i * 10);
            second.record(20_000 + i * 20);
        }
        CyclicResult two = new CyclicResult(run().settings(), List.of(first, second), Instant.EPOCH, Instant.EPOCH,
                true, Optional.empty());
        Path file = dir.resolve("two.svg");

        LatencyPlot.write(two, MACHINE, file);

        assertThat(Files.readString(file)).contains(">T:0 p50<", ">T:0 p99<", ">T:0 p99.9<", ">T:0 max<",
                ">T:1 p50<", ">T:1 p99<", ">T:1 p99.9<", ">T:1 max<");
    }

    @Test
    void both_axes_write_their_numbers_alike_without_exponents() {
        assertThat(LatencyPlot.axisNumber(0.1)).isEqualTo("0.1");
        assertThat(LatencyPlot.axisNumber(1)).isEqualTo("1");
        assertThat(LatencyPlot.axisNumber(1000)).isEqualTo("1,000");
        assertThat(LatencyPlot.axisNumber(10_000)).isEqualTo("10,000");
        assertThat(LatencyPlot.axisNumber(1_000_000)).isEqualTo("1,000,000");
    }

    @Test
    void other_file_types_are_refused_before_anything_runs() {
        assertThatThrownBy(() -> PlotSupport.check(Path.of("plot.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--plot file must end in .png or .svg, was 'plot.jpg'");
    }
}
