package io.github.lllqos.cli.cyclic;

/**
 * {@code --spin US|auto}: whether the measuring threads finish each wait by spinning, and how long before the
 * deadline they stop sleeping ({@link io.github.lllqos.realtime.Periodic#withSpin} or {@link
 * io.github.lllqos.realtime.Periodic#withAdaptiveSpin}).
 *
 * @param adaptive {@code auto}: the margin is learned from the sleeps' lateness
 * @param marginMicros the fixed margin, µs; 0 when adaptive or not spinning
 */
public record SpinFinish(boolean adaptive, long marginMicros) {

    /** No spinning: sleep until the deadline, as cyclictest does. */
    public static final SpinFinish NONE = new SpinFinish(false, 0);

    /**
     * Checks the margin.
     *
     * @throws IllegalArgumentException for a negative margin, or one given with {@code adaptive}
     */
    public SpinFinish {
        if (marginMicros < 0 || adaptive && marginMicros != 0) {
            throw new IllegalArgumentException("--spin must be a margin in µs (1 or more) or auto, was "
                    + marginMicros);
        }
    }

    /**
     * Parses {@code --spin}.
     *
     * @param text {@code auto}, or a whole number of µs, 1 or more
     * @return the spin finish
     * @throws IllegalArgumentException naming the value and the rule otherwise
     */
    public static SpinFinish parse(String text) {
        if ("auto".equals(text)) {
            return new SpinFinish(true, 0);
        }
        long micros;
        try {
            micros = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--spin must be a margin in µs (1 or more) or auto, was '" + text
                    + "'", e);
        }
        if (micros < 1) {
            throw new IllegalArgumentException("--spin must be a margin in µs (1 or more) or auto, was " + micros);
        }
        return new SpinFinish(false, micros);
    }

    /**
     * Whether the threads spin at all.
     *
     * @return false for {@link #NONE}
     */
    public boolean spins() {
        return adaptive || marginMicros > 0;
    }

    @Override
    public String toString() {
        return adaptive ? "auto" : spins() ? marginMicros + " us" : "none";
    }
}
