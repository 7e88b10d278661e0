package io.github.lllqos.cli.cyclic;

import java.awt.Color;

/** The few drawing operations a latency plot needs, so the same drawing goes to PNG and SVG. */
interface PlotCanvas {

    /** Where a text is anchored horizontally. */
    enum Anchor { START, MIDDLE, END }

    void fill(double x, double y, double width, double height, Color color);

    void line(double x1, double y1, double x2, double y2, Color color, float width, boolean dashed);

    void polyline(double[] xs, double[] ys, Color color, float width);

    void text(String text, double x, double y, Anchor anchor, float size, boolean bold, Color color);
}
