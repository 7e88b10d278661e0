package io.github.lllqos.cli.cyclic;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The {@code --plot} image: a histogram of wake-up lateness per thread, µs across, sample count up on a log scale
 * (so rare late wake-ups stay visible), with p50, p99 and p99.9 marked and what lies beyond the drawn range
 * counted. Written as PNG or SVG, chosen by the file name.
 */
public final class LatencyPlot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final double LEFT = 80;
    private static final double RIGHT = 30;
    private static final double TOP = 92;
    private static final double BOTTOM = 150;
    private static final int MAX_BINS = 160;
    /** How far below a count of 1 the axis starts, in decades, so that single samples show as bars. */
    private static final double FLOOR = 0.25;
    private static final Color AXIS = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Color[] SERIES = {new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28),
        new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd), new Color(0xff, 0x7f, 0x0e),
        new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf)};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT);

    private LatencyPlot() {
    }

    /**
     * Checks that a plot can be written to a file of this name.
     *
     * @param file the file
     * @throws IllegalArgumentException unless the name ends in {@code .png} or {@code .svg}
     */
    public static void checkName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("--plot file must end in .png or .svg, was '" + file + "'");
        }
    }

    /**
     * Draws the plot of a run into a file.
     *
     * @param result the run
     * @param system the machine, for the subtitle
     * @param file a {@code .png} or {@code .svg} file
     * @throws IOException if the file cannot be written
     */
    public static void write(CyclicResult result, SystemInfo system, Path file) throws IOException {
        checkName(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            PngCanvas canvas = new PngCanvas(WIDTH, HEIGHT);
            draw(result, system, canvas);
            if (!ImageIO.write(canvas.finish(), "png", file.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        } else {
            SvgCanvas canvas = new SvgCanvas(WIDTH, HEIGHT);
            draw(result, system, canvas);
            Files.writeString(file, canvas.finish());
        }
    }

    static void draw(CyclicResult result, SystemInfo system, PlotCanvas canvas) {
        List<ThreadStats> threads = result.threads();
        double rangeMicros = rangeMicros(threads);
        double width = niceStep(rangeMicros / MAX_BINS);
        int binCount = (int) Math.ceil(rangeMicros / width);
        rangeMicros = binCount * width;
        List<LatencyBins> bins = new ArrayList<>();
        long largest = 1;
        for (ThreadStats thread : threads) {
            LatencyBins b = new LatencyBins(thread.histogram(), width, binCount);
            bins.add(b);
            largest = Math.max(largest, b.largestCount());
        }
        int decades = Math.max(1, (int) Math.ceil(Math.log10(largest) + 1e-9));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double bottom = TOP + plotHeight;
        double pixelsPerMicro = plotWidth / rangeMicros;

        canvas.fill(0, 0, WIDTH, HEIGHT, Color.WHITE);
        title(result, system, canvas);
        for (int d = 0; d <= decades; d++) {
            double y = bottom - plotHeight * (d + FLOOR) / (decades + FLOOR);
            canvas.line(LEFT, y, LEFT + plotWidth, y, GRID, 1, false);
            canvas.text(decadeLabel(d), LEFT - 8, y + 4, PlotCanvas.Anchor.END, 12, false, TEXT);
        }
        double tick = niceStep(rangeMicros / 10);
        for (double x = 0; x <= rangeMicros + 1e-9; x += tick) {
            double px = LEFT + x * pixelsPerMicro;
            canvas.line(px, bottom, px, bottom + 5, AXIS, 1, false);
            canvas.text(number(x), px, bottom + 20, PlotCanvas.Anchor.MIDDLE, 12, false, TEXT);
        }
        canvas.text("wake-up lateness (µs after the deadline)", LEFT + plotWidth / 2, bottom + 42,
                PlotCanvas.Anchor.MIDDLE, 13, false, TEXT);
        canvas.text("activations (log scale)", LEFT, TOP - 12, PlotCanvas.Anchor.START, 13, false, TEXT);

        for (int t = 0; t < threads.size(); t++) {
            Color color = SERIES[t % SERIES.length];
            LatencyBins b = bins.get(t);
            double[] xs = new double[2 * b.size() + 2];
            double[] ys = new double[xs.length];
            xs[0] = LEFT;
            ys[0] = bottom;
            for (int i = 0; i < b.size(); i++) {
                double y = b.count(i) == 0 ? bottom
                        : bottom - plotHeight * (Math.log10(b.count(i)) + FLOOR) / (decades + FLOOR);
                xs[2 * i + 1] = LEFT + i * width * pixelsPerMicro;
                xs[2 * i + 2] = LEFT + (i + 1) * width * pixelsPerMicro;
                ys[2 * i + 1] = y;
                ys[2 * i + 2] = y;
                if (threads.size() == 1 && b.count(i) > 0) {
                    canvas.fill(xs[2 * i + 1], y, xs[2 * i + 2] - xs[2 * i + 1], bottom - y,
                            new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
                }
            }
            xs[xs.length - 1] = LEFT + plotWidth;
            ys[ys.length - 1] = bottom;
            canvas.polyline(xs, ys, color, 1.6f);
            markers(threads.get(t), color, threads.size() == 1, rangeMicros, pixelsPerMicro, plotHeight, canvas);
        }
        canvas.line(LEFT, bottom, LEFT + plotWidth, bottom, AXIS, 1.2f, false);
        canvas.line(LEFT, TOP, LEFT, bottom, AXIS, 1.2f, false);
        legend(threads, bins, rangeMicros, bottom + 70, canvas);
    }

    private static void title(CyclicResult result, SystemInfo system, PlotCanvas canvas) {
        CyclicSettings s = result.settings();
        canvas.text("Wake-up latency, lllqos cyclic", LEFT, 30, PlotCanvas.Anchor.START, 18, true, TEXT);
        String policy = s.policy().isRealtime() ? s.policy().cName() + " " + s.priority()
                : s.policy().cName();
        String latency = "--latency " + s.latencyTargetMicros() + (result.leaseHeld() ? " held" : " NOT held");
        canvas.text(policy + ", interval " + s.intervalMicros() + " µs" + (s.lockMemory() ? ", -m" : "") + ", "
                + latency + "  ·  " + system.sysname() + " " + system.release() + " " + system.machine() + "  ·  "
                + WHEN.format(result.end().atOffset(ZoneOffset.UTC)), LEFT, 52, PlotCanvas.Anchor.START, 12, false,
                MUTED);
    }

    private static void markers(ThreadStats thread, Color color, boolean labelled, double rangeMicros,
            double pixelsPerMicro, double plotHeight, PlotCanvas canvas) {
        double[] percentiles = {50, 99, 99.9};
        String[] names = {"p50", "p99", "p99.9"};
        for (int i = 0; i < percentiles.length; i++) {
            double micros = thread.percentileNanos(percentiles[i]) / 1000.0;
            if (micros > rangeMicros) {
                continue;
            }
            double x = LEFT + micros * pixelsPerMicro;
            canvas.line(x, TOP + 14, x, TOP + plotHeight, color, 1, true);
            if (labelled) {
                canvas.text(names[i], x + 3, TOP + 12 + 13 * i, PlotCanvas.Anchor.START, 11, false, color);
            }
        }
    }

    private static void legend(List<ThreadStats> threads, List<LatencyBins> bins, double rangeMicros, double y,
            PlotCanvas canvas) {
        int shown = Math.min(threads.size(), 5);
        for (int t = 0; t < shown; t++) {
            ThreadStats thread = threads.get(t);
            Color color = SERIES[t % SERIES.length];
            double row = y + 18 * t;
            canvas.fill(LEFT, row - 10, 14, 10, color);
            long beyond = bins.get(t).beyond();
            canvas.text(String.format(Locale.ROOT, "T:%d (%d) P:%d I:%d  %d activations   p50 %.1f   p99 %.1f"
                    + "   p99.9 %.1f   max %.1f µs%s", thread.index(), thread.tid(), thread.priority(),
                    thread.intervalMicros(), thread.cycles(), thread.percentileNanos(50) / 1000.0,
                    thread.percentileNanos(99) / 1000.0, thread.percentileNanos(99.9) / 1000.0,
                    thread.maxNanos() / 1000.0, beyond == 0 ? ""
                            : String.format(Locale.ROOT, "   (%d beyond %s µs, not drawn)", beyond,
                                    number(rangeMicros))), LEFT + 20, row, PlotCanvas.Anchor.START, 12, false, TEXT);
        }
        if (threads.size() > shown) {
            canvas.text("... and " + (threads.size() - shown) + " more threads", LEFT + 20, y + 18 * shown,
                    PlotCanvas.Anchor.START, 12, false, MUTED);
        }
    }

    /** Up to a little past the highest p99.9, at least 10 µs, at most just past the largest sample. */
    static double rangeMicros(List<ThreadStats> threads) {
        double range = 10;
        double max = 0;
        for (ThreadStats thread : threads) {
            range = Math.max(range, 1.5 * thread.percentileNanos(99.9) / 1000.0);
            max = Math.max(max, thread.maxNanos() / 1000.0 + 1);
        }
        return Math.max(10, Math.min(range, max));
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw} (and at least 1). */
    static double niceStep(double raw) {
        double step = 1;
        while (step < raw) {
            if (step * 2 >= raw) {
                return step * 2;
            }
            if (step * 5 >= raw) {
                return step * 5;
            }
            step *= 10;
        }
        return step;
    }

    private static String decadeLabel(int decade) {
        return decade < 4 ? Long.toString((long) Math.pow(10, decade)) : "1e" + decade;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
