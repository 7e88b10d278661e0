package io.github.lllqos.cli.cyclic;

import java.awt.Color;
import java.util.Locale;

/** A {@link PlotCanvas} writing SVG text. */
final class SvgCanvas implements PlotCanvas {

    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(int width, int height) {
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
                width, height, width, height));
    }

    String finish() {
        return svg.append("</svg>\n").toString();
    }

    @Override
    public void fill(double x, double y, double width, double height, Color color) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                + " fill=\"%s\"/>\n", x, y, width, height, hex(color)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, float width, boolean dashed) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"%.1f\"%s/>\n", x1, y1, x2, y2, hex(color), width,
                dashed ? " stroke-dasharray=\"5 4\"" : ""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, float width) {
        svg.append("<polyline fill=\"none\" stroke-linejoin=\"round\" stroke=\"").append(hex(color))
                .append(String.format(Locale.ROOT, "\" stroke-width=\"%.1f\" points=\"", width));
        for (int i = 0; i < xs.length; i++) {
            svg.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", xs[i], ys[i]));
        }
        svg.append("\"/>\n");
    }

    @Override
    public void text(String text, double x, double y, Anchor anchor, float size, boolean bold, Color color) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s text-anchor=\"%s\""
                + " fill=\"%s\">%s</text>\n", x, y, size, bold ? " font-weight=\"bold\"" : "",
                anchor.name().toLowerCase(Locale.ROOT), hex(color), escaped));
    }

    private static String hex(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }
}
