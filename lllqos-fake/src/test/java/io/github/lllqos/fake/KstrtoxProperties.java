package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.lllqos.fake.property.PropertyRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The kernel's base-16 conversion, on strings users write.
 *
 * <p>QuickTheories tries a generator's shrink target and its two limits, then draws uniformly. Over a range as wide
 * as all s32 values that almost never gives the edges or the short strings, so the generators here mix them in.
 */
class KstrtoxProperties {

    /** Printable characters that are neither hex digits nor part of the sign and prefix syntax. */
    private static final List<Character> OUTSIDE_HEX = IntStream.rangeClosed(' ', '~').mapToObj(c -> (char) c)
            .filter(c -> Character.digit(c, 16) < 0 && "+-xX".indexOf(c) < 0).collect(Collectors.toList());

    /** Up to this many leading zeros: the longest texts pass the 34 bytes the kernel copies, so some just fit. */
    private static final int MAX_ZEROS = 24;

    /** Any s32, and a fifth of the time one of its edges. */
    private static final Gen<Integer> S32 = Generate.frequency(Pair.of(4, integers().all()),
            Pair.of(1, arbitrary().pick(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE)));

    private static int parse(String text) throws Kstrtox.Failure {
        return Kstrtox.kstrtos32FromUser(text.getBytes(StandardCharsets.ISO_8859_1), 16);
    }

    /** An s32 in one of the hex forms users write: sign, optional {@code 0x}, leading zeros, case, newline. */
    record HexText(int value, boolean prefix, boolean upper, boolean newline, int zeros) {
        String text() {
            String digits = Long.toHexString(Math.abs((long) value));
            digits = upper ? digits.toUpperCase(Locale.ROOT) : digits;
            return (value < 0 ? "-" : "") + (prefix ? "0x" : "") + "0".repeat(zeros) + digits + (newline ? "\n" : "");
        }

        @Override
        public String toString() {
            return value + " written as \"" + text().replace("\n", "\\n") + "\"";
        }
    }

    @Test
    void every_s32_written_in_hex_reads_back() {
        Gen<HexText> texts = S32.zip(booleans().all(), booleans().all(), booleans().all(),
                integers().between(0, MAX_ZEROS), HexText::new);
        PropertyRuns.qt(1000).forAll(texts).checkAssert(hex -> {
            // kstrtos32_from_user copies at most 34 bytes (its buffer: sign, 32 digits, newline, terminator)
            if (hex.text().length() <= 34) {
                assertThat(parseOrFail(hex.text())).isEqualTo(hex.value());
            }
        });
    }

    @Test
    void decimal_looking_strings_are_read_as_hex() {
        // the largest decimal-looking string that fits as hex, and the smallest of as many digits that does not
        Gen<Integer> decimals = Generate.frequency(Pair.of(9, ofEveryLength(10, 10)),
                Pair.of(1, arbitrary().pick(79_999_999, 80_000_000)));
        PropertyRuns.qt(1000).forAll(decimals).checkAssert(value -> {
            String text = Integer.toString(value);
            long asHex = Long.parseLong(text, 16);
            if (asHex > Integer.MAX_VALUE) {
                assertErange(text);
            } else {
                assertThat(parseOrFail(text)).isEqualTo((int) asHex);
            }
        });
    }

    @Test
    void values_beyond_s32_are_erange() {
        PropertyRuns.qt(1000).forAll(unsignedFrom(0x8000_0000L)).checkAssert(value ->
                assertErange(Long.toUnsignedString(value, 16)));
    }

    @Test
    void negative_values_beyond_s32_are_erange() {
        PropertyRuns.qt(1000).forAll(unsignedFrom(0x8000_0001L)).checkAssert(magnitude ->
                assertErange("-" + Long.toUnsignedString(magnitude, 16)));
    }

    @Test
    void a_character_outside_hex_anywhere_is_einval() {
        PropertyRuns.qt(1000).forAll(ofEveryLength(16, 8), integers().between(0, 8),
                arbitrary().pick(OUTSIDE_HEX)).checkAssert((value, at, bad) -> {
                    String digits = Integer.toHexString(value);
                    int position = Math.min(at, digits.length());
                    String text = digits.substring(0, position) + bad + digits.substring(position);
                    assertThatThrownBy(() -> parse(text)).as("\"%s\"", text)
                            .isInstanceOfSatisfying(Kstrtox.Failure.class, e -> assertThat(e.errno).isEqualTo("EINVAL"));
                });
    }

    /**
     * Unsigned 64-bit values from {@code from} up, a quarter each: below 2^32, from 2^32 to 2^63 - 1, with the top
     * bit set, and the edges of those ranges.
     */
    private static Gen<Long> unsignedFrom(long from) {
        return Generate.oneOf(longs().between(from, 0xFFFF_FFFFL), longs().between(0x1_0000_0000L, Long.MAX_VALUE),
                longs().between(Long.MIN_VALUE, -1L),
                arbitrary().pick(from, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE, -1L));
    }

    /**
     * Non-negative ints of 1 to {@code maxDigits} digits in {@code radix}, each length as likely: drawn uniformly,
     * nearly all would have the most digits.
     */
    private static Gen<Integer> ofEveryLength(int radix, int maxDigits) {
        return integers().between(1, maxDigits).flatMap(digits -> integers()
                .between(digits == 1 ? 0 : (int) Math.pow(radix, digits - 1),
                        (int) Math.min(Math.pow(radix, digits) - 1, Integer.MAX_VALUE)));
    }

    private static void assertErange(String text) {
        assertThatThrownBy(() -> parse(text)).as("\"%s\"", text).isInstanceOfSatisfying(Kstrtox.Failure.class,
                e -> assertThat(e.errno).isEqualTo("ERANGE"));
    }

    private static int parseOrFail(String text) {
        try {
            return parse(text);
        } catch (Kstrtox.Failure e) {
            throw new AssertionError("\"" + text + "\" failed with " + e.errno, e);
        }
    }
}
