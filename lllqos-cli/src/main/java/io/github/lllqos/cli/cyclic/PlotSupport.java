package io.github.lllqos.cli.cyclic;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether this Java runtime can draw a {@code --plot}, checked before a run so that a long measurement is not lost
 * at its end: SVG needs the {@code java.desktop} module, PNG also fonts (fontconfig and a font file), which
 * minimal runtimes and {@code FROM scratch} images may lack. This class touches no {@code java.awt} class itself,
 * so that it can answer where that module is missing.
 */
public final class PlotSupport {

    private PlotSupport() {
    }

    /**
     * Checks that a plot can be drawn to {@code file} here.
     *
     * @param file the {@code --plot} file
     * @throws IllegalArgumentException naming the file type, what is missing and what to do instead
     */
    public static void check(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = name.endsWith(".png");
        if (!png && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("--plot file must end in .png or .svg, was '" + file + "'");
        }
        if (ModuleLayer.boot().findModule("java.desktop").isEmpty() && !onClassPath("java.awt.Color")) {
            throw new IllegalArgumentException("--plot needs the java.desktop module, which the Java runtime at "
                    + System.getProperty("java.home") + " lacks: run on a full JDK or JRE, or add java.desktop to"
                    + " its jlink --add-modules");
        }
        if (png) {
            try {
                PngCanvas.probeText();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalArgumentException("--plot " + file + ": drawing text into a PNG fails in this Java"
                        + " runtime (" + e + "), usually for want of fonts (fontconfig and a font file): name a .svg"
                        + " file instead, which needs none");
            }
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, PlotSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
