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
 * The {@code --plot} image: a histogram of wake-up lateness per thread, µs across and sample count up, both on log
 * scales, so that the axis reaches the largest sample and rare late wake-ups stay visible; each thread's p50, p99,
 * p99.9 and max are marked and labelled. Written as PNG or SVG, chosen by the file name.
 */
public final class LatencyPlot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final double LEFT = 80;
    private static final double RIGHT = 30;
    private static final double TOP = 92;
    private static final double BOTTOM = 150;
    private static final int MAX_BINS = 160;
    /** The height of one row of percentile labels. */
    private static final double MARKER_ROW = 12;
    /** The legend's rows below the plot: a thread's figures take one, its spin or deadline line another. */
    private static final int LEGEND_ROWS = 5;
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
     * Draws the plot of a run into a file.
     *
     * @param result the run
     * @param system the machine, for the subtitle
     * @param file a {@code .png} or {@code .svg} file
     * @throws IOException if the file cannot be written
     */
    public static void write(CyclicResult result, SystemInfo system, Path file) throws IOException {
        PlotSupport.check(file);
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
        LogAxis axis = LogAxis.covering(threads);
        int perDecade = Math.max(1, MAX_BINS / axis.decades());
        List<LatencyBins> bins = new ArrayList<>();
        long largest = 1;
        for (ThreadStats thread : threads) {
            LatencyBins b = new LatencyBins(thread.histogram(), axis.lowMicros(), axis.decades(), perDecade);
            bins.add(b);
            largest = Math.max(largest, b.largestCount());
        }
        int countDecades = Math.max(1, (int) Math.ceil(Math.log10(largest) + 1e-9));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double bottom = TOP + plotHeight;

        canvas.fill(0, 0, WIDTH, HEIGHT, Color.WHITE);
        title(result, system, canvas);
        for (int d = 0; d <= countDecades; d++) {
            double y = bottom - plotHeight * (d + FLOOR) / (countDecades + FLOOR);
            canvas.line(LEFT, y, LEFT + plotWidth, y, GRID, 1, false);
            canvas.text(axisNumber(Math.pow(10, d)), LEFT - 8, y + 4, PlotCanvas.Anchor.END, 12, false, TEXT);
        }
        for (int d = 0; d <= axis.decades(); d++) {
            double decade = axis.lowMicros() * Math.pow(10, d);
            double px = LEFT + plotWidth * d / axis.decades();
            canvas.line(px, TOP, px, bottom, GRID, 1, false);
            canvas.line(px, bottom, px, bottom + 6, AXIS, 1, false);
            canvas.text(axisNumber(decade), px, bottom + 20, PlotCanvas.Anchor.MIDDLE, 12, false, TEXT);
            for (int minor = 2; minor <= 9 && d < axis.decades(); minor++) {
                double mx = LEFT + plotWidth * (d + Math.log10(minor)) / axis.decades();
                canvas.line(mx, bottom, mx, bottom + 3, AXIS, 1, false);
            }
        }
        canvas.text("wake-up lateness (µs after the deadline, log scale)", LEFT + plotWidth / 2, bottom + 42,
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
                        : bottom - plotHeight * (Math.log10(b.count(i)) + FLOOR) / (countDecades + FLOOR);
                xs[2 * i + 1] = LEFT + plotWidth * i / b.size();
                xs[2 * i + 2] = LEFT + plotWidth * (i + 1) / b.size();
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
            markers(threads.get(t), threads.size() > 1, t, color, axis, plotWidth, plotHeight, canvas);
        }
        canvas.line(LEFT, bottom, LEFT + plotWidth, bottom, AXIS, 1.2f, false);
        canvas.line(LEFT, TOP, LEFT, bottom, AXIS, 1.2f, false);
        legend(result.settings(), threads, bottom + 70, canvas);
    }

    private static void title(CyclicResult result, SystemInfo system, PlotCanvas canvas) {
        CyclicSettings s = result.settings();
        canvas.text("Wake-up latency, lllqos cyclic", LEFT, 30, PlotCanvas.Anchor.START, 18, true, TEXT);
        String policy = s.policy().isRealtime() ? s.policy().cName() + " " + s.priority()
                : s.policy().cName();
        String latency = s.latencyTargetMicros().isEmpty() ? "--laptop (no CPU latency request)"
                : "--latency " + s.latencyTargetMicros().getAsInt() + (result.leaseHeld() ? " held" : " NOT held");
        canvas.text(policy + ", interval " + s.intervalMicros() + " µs" + (s.lockMemory() ? ", -m" : "") + ", "
                + latency + "  ·  " + system.sysname() + " " + system.release() + " " + system.machine() + "  ·  "
                + WHEN.format(result.end().atOffset(ZoneOffset.UTC)), LEFT, 52, PlotCanvas.Anchor.START, 12, false,
                MUTED);
    }

    /**
     * The p50, p99, p99.9 and max lines of one thread, each labelled, the labels of thread N in rows of their own
     * (prefixed {@code T:N} when there are several threads), so that no label hides another's.
     */
    private static void markers(ThreadStats thread, boolean named, int row, Color color, LogAxis axis,
            double plotWidth, double plotHeight, PlotCanvas canvas) {
        long[] nanos = {thread.percentileNanos(50), thread.percentileNanos(99), thread.percentileNanos(99.9),
            thread.maxNanos()};
        String[] names = {"p50", "p99", "p99.9", "max"};
        int rows = (int) ((plotHeight - 24) / MARKER_ROW);
        for (int i = 0; i < nanos.length; i++) {
            double x = LEFT + plotWidth * axis.position(nanos[i] / 1000.0);
            int line = (row * nanos.length + i) % Math.max(1, rows);
            double labelY = TOP + 12 + MARKER_ROW * line;
            canvas.line(x, labelY + 2, x, TOP + plotHeight, color, 1, i < 3);
            String label = (named ? "T:" + thread.index() + " " : "") + names[i];
            boolean rightOfLine = x + 60 < LEFT + plotWidth;
            canvas.text(label, rightOfLine ? x + 3 : x - 3, labelY, rightOfLine ? PlotCanvas.Anchor.START
                    : PlotCanvas.Anchor.END, 11, false, color);
        }
    }

    /**
     * A row per thread with its figures, and below it, in rows of their own, its spinning cost or its deadline
     * run, as the summary prints them; as many threads as fit.
     */
    private static void legend(CyclicSettings settings, List<ThreadStats> threads, double y, PlotCanvas canvas) {
        int rowsPerThread = 1 + (threads.isEmpty() ? 0 : Summary.details(settings, threads.get(0)).size());
        int shown = Math.min(threads.size(), Math.max(1, LEGEND_ROWS / rowsPerThread));
        double row = y;
        for (int t = 0; t < shown; t++) {
            ThreadStats thread = threads.get(t);
            Color color = SERIES[t % SERIES.length];
            canvas.fill(LEFT, row - 10, 14, 10, color);
            canvas.text(String.format(Locale.ROOT, "T:%d (%d) P:%d I:%d  %,d activations   p50 %.1f   p99 %.1f"
                    + "   p99.9 %.1f   max %.1f µs", thread.index(), thread.tid(), thread.priority(),
                    thread.intervalMicros(), thread.cycles(), thread.percentileNanos(50) / 1000.0,
                    thread.percentileNanos(99) / 1000.0, thread.percentileNanos(99.9) / 1000.0,
                    thread.maxNanos() / 1000.0), LEFT + 20, row, PlotCanvas.Anchor.START, 12, false, TEXT);
            row += 18;
            for (String detail : Summary.details(settings, thread)) {
                canvas.text(detail, LEFT + 20, row, PlotCanvas.Anchor.START, 12, false, MUTED);
                row += 18;
            }
        }
        if (threads.size() > shown) {
            canvas.text("... and " + (threads.size() - shown) + " more threads", LEFT + 20, row,
                    PlotCanvas.Anchor.START, 12, false, MUTED);
        }
    }

    /**
     * The lateness axis: whole powers of ten from one at or below the smallest sample (at least 0.1 µs) to one
     * above the largest, so the maximum is always on it.
     *
     * @param lowMicros the axis's start, µs
     * @param decades the powers of ten it spans, at least 1
     */
    record LogAxis(double lowMicros, int decades) {

        static LogAxis covering(List<ThreadStats> threads) {
            double min = Double.MAX_VALUE;
            double max = 0;
            for (ThreadStats thread : threads) {
                if (thread.histogram().getTotalCount() > 0) {
                    min = Math.min(min, thread.histogram().getMinValue() / 1000.0);
                    max = Math.max(max, thread.maxNanos() / 1000.0);
                }
            }
            if (max == 0) {
                return new LogAxis(1, 2);
            }
            int low = (int) Math.floor(Math.log10(Math.max(0.1, Math.min(min, max))));
            int high = (int) Math.floor(Math.log10(Math.max(max, 0.1))) + 1;
            return new LogAxis(Math.pow(10, low), Math.max(1, high - low));
        }

        /** Where a value lies on the axis, 0 at its start and 1 at its end (clamped). */
        double position(double micros) {
            if (micros <= lowMicros) {
                return 0;
            }
            return Math.min(1, Math.log10(micros / lowMicros) / decades);
        }

        /** The axis's end, µs. */
        double highMicros() {
            return lowMicros * Math.pow(10, decades);
        }
    }

    /** Every number on both axes, written alike: {@code 0.1}, {@code 1}, {@code 10}, {@code 1,000}, {@code 10,000}. */
    static String axisNumber(double value) {
        if (value < 1) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }
}
