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
import org.quicktheories.core.Gen;

/** The kernel's base-16 conversion, on strings users write. */
class KstrtoxProperties {

    /** Printable characters that are neither hex digits nor part of the sign and prefix syntax. */
    private static final List<Character> OUTSIDE_HEX = IntStream.rangeClosed(' ', '~').mapToObj(c -> (char) c)
            .filter(c -> Character.digit(c, 16) < 0 && "+-xX".indexOf(c) < 0).collect(Collectors.toList());

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
        Gen<HexText> texts = integers().all().zip(booleans().all(), booleans().all(), booleans().all(),
                integers().between(0, 20), HexText::new);
        PropertyRuns.qt(1000).forAll(texts).checkAssert(hex -> {
            if (hex.text().length() <= 34) {
                assertThat(parseOrFail(hex.text())).isEqualTo(hex.value());
            }
        });
    }

    @Test
    void decimal_looking_strings_are_read_as_hex() {
        PropertyRuns.qt(1000).forAll(integers().between(0, Integer.MAX_VALUE)).checkAssert(value -> {
            String text = Integer.toString(value);
            long asHex = Long.parseLong(text, 16);
            if (asHex > Integer.MAX_VALUE) {
                assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(Kstrtox.Failure.class,
                        e -> assertThat(e.errno).isEqualTo("ERANGE"));
            } else {
                assertThat(parseOrFail(text)).isEqualTo((int) asHex);
            }
        });
    }

    @Test
    void values_beyond_s32_are_erange() {
        PropertyRuns.qt(1000).forAll(longs().between(0x8000_0000L, Long.MAX_VALUE)).checkAssert(value ->
                assertThatThrownBy(() -> parse(Long.toHexString(value))).isInstanceOfSatisfying(Kstrtox.Failure.class,
                        e -> assertThat(e.errno).isEqualTo("ERANGE")));
    }

    @Test
    void a_character_outside_hex_anywhere_is_einval() {
        PropertyRuns.qt(1000).forAll(integers().between(0, Integer.MAX_VALUE), integers().between(0, 8),
                arbitrary().pick(OUTSIDE_HEX)).checkAssert((value, at, bad) -> {
                    String digits = Integer.toHexString(value);
                    int position = Math.min(at, digits.length());
                    String text = digits.substring(0, position) + bad + digits.substring(position);
                    assertThatThrownBy(() -> parse(text)).as("\"%s\"", text)
                            .isInstanceOfSatisfying(Kstrtox.Failure.class, e -> assertThat(e.errno).isEqualTo("EINVAL"));
                });
    }

    private static int parseOrFail(String text) {
        try {
            return parse(text);
        } catch (Kstrtox.Failure e) {
            throw new AssertionError("\"" + text + "\" failed with " + e.errno, e);
        }
    }
}
