package io.github.lllqos.fake.differential;

import static io.github.lllqos.fake.property.Weighted.weight;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * What a write of the differential test writes: a binary s32 or a hex string (a third each), a known bad string, or
 * up to 40 arbitrary bytes.
 *
 * <p>Every part is a draw of its own (the shape, the value or its index among the interesting ones, each choice of
 * the string form, the garbage index, the length of the arbitrary bytes), so each shrinks towards the plainest:
 * binary before text, 0 before other values, no padding, no sign, no newline, fewer bytes. Only the content of the
 * arbitrary bytes comes from a seeded random source; a shorter length keeps a prefix of the same bytes. The same
 * twelve values are drawn whatever the shape, so that a shape changed by shrinking leaves the later draws of the
 * sequence where they were.
 */
final class WriteData {

    private static final List<Integer> INTERESTING = List.of(0, 1, 7, 18, 50, 123, 1000, 0x7fffffff, 2_000_000_000,
        2_000_000_001, -1, -2, -5, -16, Integer.MIN_VALUE, 170_930_225, 875_770_417);
    private static final List<String> GARBAGE = List.of("", " 20", "20 ", "0xzzzzzzzz", "0x", "0X", "-", "+", "\n",
        "5\n\n", "-+5", "+-5", "0x0x1", "x12", "12\u0000zz", "\u0000\u0000\u0000", "abcdefgh\n", "1 2", "0x1g", "\n5",
        "ab\u0000", "-0", "+0x20", "-0x80000000", "-0x80000001", "0x80000000", "12345678901", "7fffffff",
        "ffffffffffffffffff", "11111111111111111111zz", "00000010ab", "100\n", "1234", "0x1234567", "-1\n", "-5\n");
    private static final String ALPHABET = "0123456789abcdefABCDEFxX+-\n \u0000g";
    private static final int MAX_BYTES = 40;
    private static final int MAX_ZEROS = 35;

    private enum Shape { BINARY, HEX, GARBAGE, BYTES }

    private static final Gen<Shape> SHAPES = Generate.frequency(List.of(weight(2, Shape.BINARY),
            weight(2, Shape.HEX), weight(1, Shape.GARBAGE), weight(1, Shape.BYTES)));
    /** Mostly values with a meaning here, one in three any s32. */
    private static final Gen<Integer> VALUES = Generate.frequency(Pair.of(2, arbitrary().pick(INTERESTING)),
            Pair.of(1, integers().all()));
    /** No leading zeros three times in four, else up to {@value #MAX_ZEROS}: one draw, shrinking to none. */
    private static final Gen<Integer> ZEROS = integers().between(0, 4 * (MAX_ZEROS + 1) - 1)
            .map(drawn -> Math.max(0, drawn - 3 * (MAX_ZEROS + 1)));
    private static final Gen<String> PREFIXES = arbitrary().pick("", "0x", "0X");
    private static final Gen<String> PLUS_SIGNS = Generate.frequency(List.of(weight(4, ""), weight(1, "+")));
    private static final Gen<String> NEWLINES = Generate.frequency(List.of(weight(2, ""), weight(1, "\n")));
    private static final Gen<Boolean> BOOLEANS = booleans().all();
    private static final Gen<String> GARBAGE_TEXTS = arbitrary().pick(GARBAGE);
    private static final Gen<Integer> BYTE_COUNTS = integers().between(0, MAX_BYTES);
    private static final Gen<Long> BYTE_SEEDS = longs().all();

    /** The data of one write. */
    static final Gen<byte[]> DATA = source -> {
        Shape shape = SHAPES.generate(source);
        int value = VALUES.generate(source);
        boolean upper = BOOLEANS.generate(source);
        int zeros = ZEROS.generate(source);
        String prefix = PREFIXES.generate(source);
        String plus = PLUS_SIGNS.generate(source);
        String newline = NEWLINES.generate(source);
        String garbage = GARBAGE_TEXTS.generate(source);
        int byteCount = BYTE_COUNTS.generate(source);
        boolean anyByte = BOOLEANS.generate(source);
        long byteSeed = BYTE_SEEDS.generate(source);
        return switch (shape) {
            case BINARY -> ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value).array();
            case HEX -> SystemCall.ascii(hexString(value, upper, zeros, prefix, plus, newline));
            case GARBAGE -> SystemCall.ascii(garbage);
            case BYTES -> anyBytes(byteCount, anyByte, new SplittableRandom(byteSeed));
        };
    };

    private WriteData() {
    }

    /** The value in one of the string forms users write: bare or 0x hex, a sign, padding, a newline. */
    private static String hexString(int value, boolean upper, int zeros, String prefix, String plus, String newline) {
        String digits = Long.toHexString(Math.abs((long) value));
        return (value < 0 ? "-" : plus) + prefix + "0".repeat(zeros)
                + (upper ? digits.toUpperCase(Locale.ROOT) : digits) + newline;
    }

    /** {@code count} bytes: any at all, or from the characters the parser treats specially. */
    private static byte[] anyBytes(int count, boolean anyByte, SplittableRandom random) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (anyByte ? random.nextInt(256) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return bytes;
    }
}
