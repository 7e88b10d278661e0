package io.github.lllqos.fake.differential;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.lllqos.fake.property.OperationPlanner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Open, write (binary, hex strings, garbage, arbitrary bytes), read, pread, lseek and close on up to four
 * descriptors; a sequence ends with every descriptor closed and the limit read through a new one.
 */
final class SystemCallPlanner implements OperationPlanner<SystemCall> {

    private static final int MAX_OPEN = 4;
    private static final List<Integer> INTERESTING = List.of(0, 1, 7, 18, 50, 123, 1000, 0x7fffffff, 2_000_000_000,
            2_000_000_001, -1, -2, -5, -16, Integer.MIN_VALUE, 170_930_225, 875_770_417);
    private static final List<String> GARBAGE = List.of("", " 20", "20 ", "0xzzzzzzzz", "0x", "0X", "-", "+", "\n",
            "5\n\n", "-+5", "+-5", "0x0x1", "x12", "12\u0000zz", "\u0000\u0000\u0000", "abcdefgh\n", "1 2", "0x1g",
            "\n5", "ab\u0000", "-0", "+0x20", "-0x80000000", "-0x80000001", "0x80000000", "12345678901", "7fffffff",
            "ffffffffffffffffff", "11111111111111111111zz", "00000010ab", "100\n", "1234", "0x1234567", "-1\n", "-5\n");
    private static final String ALPHABET = "0123456789abcdefABCDEFxX+-\n \u0000g";

    /** Mostly values with a meaning here, one in three any s32. */
    private static final Gen<Integer> VALUES = Generate.frequency(List.of(Pair.of(2, arbitrary().pick(INTERESTING)),
            Pair.of(1, integers().all())));
    private static final Gen<Kind> KINDS = Generate.frequency(List.of(weight(4, Kind.OPEN), weight(12, Kind.WRITE),
            weight(4, Kind.READ), weight(4, Kind.PREAD), weight(1, Kind.LSEEK), weight(1, Kind.CLOSE)));
    private static final Gen<DataKind> DATA_KINDS = Generate.frequency(List.of(weight(2, DataKind.BINARY),
            weight(2, DataKind.HEX_STRING), weight(1, DataKind.GARBAGE), weight(1, DataKind.ANY_BYTES)));
    private static final Gen<Integer> SLOTS = integers().between(0, MAX_OPEN - 1);
    private static final Gen<DeviceUnderTest.Mode> MODES = arbitrary().enumValues(DeviceUnderTest.Mode.class);
    private static final Gen<Integer> COUNTS = integers().between(0, 8);
    private static final Gen<Integer> OFFSETS = integers().between(0, 6);

    private enum Kind { OPEN, WRITE, READ, PREAD, LSEEK, CLOSE }

    private enum DataKind { BINARY, HEX_STRING, GARBAGE, ANY_BYTES }

    private final List<Integer> open = new ArrayList<>();
    private int handles;

    private static <T> Pair<Integer, Gen<T>> weight(int weight, T kind) {
        return Pair.of(weight, arbitrary().constant(kind));
    }

    @Override
    public Optional<SystemCall> draw(RandomnessSource source) {
        Kind kind = KINDS.generate(source);
        int slot = SLOTS.generate(source);
        DeviceUnderTest.Mode mode = MODES.generate(source);
        int count = COUNTS.generate(source);
        int offset = OFFSETS.generate(source);
        byte[] data = data(source);
        if (kind == Kind.OPEN ? open.size() == MAX_OPEN : open.isEmpty()) {
            return Optional.empty();
        }
        int handle = kind == Kind.OPEN ? handles : open.get(slot % open.size());
        return Optional.of(switch (kind) {
            case OPEN -> new SystemCall.Open(handle, mode);
            case WRITE -> new SystemCall.Write(handle, data);
            case READ -> new SystemCall.Read(handle, count);
            case PREAD -> new SystemCall.Pread(handle, count, offset);
            case LSEEK -> new SystemCall.Rewind(handle);
            case CLOSE -> new SystemCall.Close(handle);
        });
    }

    @Override
    public void accept(SystemCall call) {
        if (call instanceof SystemCall.Open) {
            open.add(handles++);
        } else if (call instanceof SystemCall.Close close) {
            open.remove(Integer.valueOf(close.handle()));
        }
    }

    @Override
    public List<SystemCall> finish() {
        List<SystemCall> closing = new ArrayList<>();
        open.forEach(handle -> closing.add(new SystemCall.Close(handle)));
        closing.add(new SystemCall.Open(handles, DeviceUnderTest.Mode.O_RDONLY));
        closing.add(new SystemCall.Pread(handles, 8, 0));
        closing.add(new SystemCall.Close(handles));
        return closing;
    }

    /** What a write writes: every form is drawn, so the number of draws does not depend on the form taken. */
    private static byte[] data(RandomnessSource source) {
        DataKind kind = DATA_KINDS.generate(source);
        int value = VALUES.generate(source);
        String hex = hexString(value, source);
        String garbage = arbitrary().pick(GARBAGE).generate(source);
        byte[] any = anyBytes(source);
        return switch (kind) {
            case BINARY -> ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value).array();
            case HEX_STRING -> SystemCall.ascii(hex);
            case GARBAGE -> SystemCall.ascii(garbage);
            case ANY_BYTES -> any;
        };
    }

    /** The value in one of the string forms users write: bare or 0x hex, a sign, padding, a newline. */
    private static String hexString(int value, RandomnessSource source) {
        String digits = Long.toHexString(Math.abs((long) value));
        if (booleans().all().generate(source)) {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        boolean padded = oneIn(4, source);
        int padding = integers().between(0, 35).generate(source);
        boolean bare = oneIn(3, source);
        String prefix = arbitrary().pick("0x", "0X").generate(source);
        boolean plus = oneIn(5, source);
        boolean newline = oneIn(3, source);
        return (value < 0 ? "-" : plus ? "+" : "") + (bare ? "" : prefix) + "0".repeat(padded ? padding : 0) + digits
                + (newline ? "\n" : "");
    }

    /**
     * Up to 40 bytes: any at all, or from the characters the parser treats specially. The content comes from one
     * drawn seed, so it takes three draws whatever its length; shrinking shortens it.
     */
    private static byte[] anyBytes(RandomnessSource source) {
        byte[] bytes = new byte[integers().between(0, 40).generate(source)];
        boolean anyByte = booleans().all().generate(source);
        SplittableRandom content = new SplittableRandom(longs().all().generate(source));
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (anyByte ? content.nextInt(256) : ALPHABET.charAt(content.nextInt(ALPHABET.length())));
        }
        return bytes;
    }

    /** True one time in {@code n}; shrinks to false, the plainer form. */
    private static boolean oneIn(int n, RandomnessSource source) {
        return integers().between(0, n - 1).generate(source) == n - 1;
    }
}
