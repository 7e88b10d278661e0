package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The kernel's base-16 conversion, on strings users write. */
class KstrtoxProperties {

    private static int parse(String text) throws Kstrtox.Failure {
        return Kstrtox.kstrtos32FromUser(text.getBytes(StandardCharsets.ISO_8859_1), 16);
    }

    @Property
    void every_s32_written_in_hex_reads_back(@ForAll int value, @ForAll boolean prefix, @ForAll boolean upper,
                                             @ForAll boolean newline, @ForAll @IntRange(max = 20) int zeros)
            throws Kstrtox.Failure {
        String digits = Long.toHexString(Math.abs((long) value));
        digits = upper ? digits.toUpperCase(Locale.ROOT) : digits;
        String text = (value < 0 ? "-" : "") + (prefix ? "0x" : "") + "0".repeat(zeros) + digits
                + (newline ? "\n" : "");
        if (text.length() <= 34) {
            assertThat(parse(text)).isEqualTo(value);
        }
    }

    @Property
    void decimal_looking_strings_are_read_as_hex(@ForAll @IntRange(min = 0, max = 0x7fff_ffff) int value) {
        String text = Integer.toString(value);
        long asHex = Long.parseLong(text, 16);
        if (asHex > Integer.MAX_VALUE) {
            assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(Kstrtox.Failure.class,
                    e -> assertThat(e.errno).isEqualTo("ERANGE"));
        } else {
            try {
                assertThat(parse(text)).isEqualTo((int) asHex);
            } catch (Kstrtox.Failure e) {
                throw new AssertionError(text, e);
            }
        }
    }

    @Property
    void values_beyond_s32_are_erange(@ForAll @LongRange(min = 0x8000_0000L) long value) {
        assertThatThrownBy(() -> parse(Long.toHexString(value))).isInstanceOfSatisfying(Kstrtox.Failure.class,
                e -> assertThat(e.errno).isEqualTo("ERANGE"));
    }

    @Property
    void a_character_outside_hex_anywhere_is_einval(@ForAll @IntRange(max = 0x7fff_ffff) int value,
                                                    @ForAll @IntRange(max = 8) int at,
                                                    @ForAll("outsideHex") char bad) {
        String digits = Integer.toHexString(value);
        int position = Math.min(at, digits.length());
        String text = digits.substring(0, position) + bad + digits.substring(position);
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(Kstrtox.Failure.class,
                e -> assertThat(e.errno).isEqualTo("EINVAL"));
    }

    /** Printable characters that are neither hex digits nor part of the sign and prefix syntax. */
    @Provide
    Arbitrary<Character> outsideHex() {
        return Arbitraries.chars().range(' ', '~')
                .filter(c -> Character.digit(c, 16) < 0 && "+-xX".indexOf(c) < 0);
    }
}
