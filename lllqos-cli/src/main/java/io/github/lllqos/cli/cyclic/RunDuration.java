package io.github.lllqos.cli.cyclic;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** cyclictest's {@code -D} duration: a whole number of seconds, or with {@code s}, {@code m}, {@code h}, {@code d}. */
public final class RunDuration {

    /** The longest run: its nanoseconds must fit in a {@code long}, as {@link System#nanoTime()} counts them. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhdSMHD]?)");

    private RunDuration() {
    }

    /**
     * Parses a duration like {@code 30}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 1d}.
     *
     * @param text the duration
     * @return it, {@link Duration#ZERO} for {@code 0} (no limit)
     * @throws IllegalArgumentException for any other form, or a duration above {@code Long.MAX_VALUE} ns (about
     *     106751 days)
     */
    public static Duration parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("-D duration must be a whole number of seconds, optionally followed"
                    + " by s, m, h or d (30, 5m, 2h); was '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration;
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "m":
                duration = Duration.ofMinutes(amount);
                break;
            case "h":
                duration = Duration.ofHours(amount);
                break;
            case "d":
                duration = Duration.ofDays(amount);
                break;
            default:
                duration = Duration.ofSeconds(amount);
                break;
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("-D duration must be at most " + LONGEST.toDays() + "d ("
                    + LONGEST.toSeconds() + " s, the most nanoseconds a long holds); was '" + text + "'");
        }
        return duration;
    }
}
