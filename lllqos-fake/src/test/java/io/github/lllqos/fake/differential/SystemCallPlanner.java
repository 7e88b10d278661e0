package io.github.lllqos.fake.differential;

import static org.quicktheories.generators.SourceDSL.arbitrary;
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
 *
 * <p>Each step takes four draws: whether it is kept, its kind, the descriptor slot, and a seed its arguments come
 * from. Every shrink candidate here costs real system calls, so shrinking is spent on the sequence's shape (fewer
 * steps, plainer kinds) rather than on a dozen argument draws per step; an argument changes only as a whole.
 */
final class SystemCallPlanner implements OperationPlanner<SystemCall> {

    private static final int MAX_OPEN = 4;
    private static final int[] INTERESTING = {0, 1, 7, 18, 50, 123, 1000, 0x7fffffff, 2_000_000_000,
        2_000_000_001, -1, -2, -5, -16, Integer.MIN_VALUE, 170_930_225, 875_770_417};
    private static final String[] GARBAGE = {"", " 20", "20 ", "0xzzzzzzzz", "0x", "0X", "-", "+", "\n", "5\n\n",
        "-+5", "+-5", "0x0x1", "x12", "12\u0000zz", "\u0000\u0000\u0000", "abcdefgh\n", "1 2", "0x1g", "\n5",
        "ab\u0000", "-0", "+0x20", "-0x80000000", "-0x80000001", "0x80000000", "12345678901", "7fffffff",
        "ffffffffffffffffff", "11111111111111111111zz", "00000010ab", "100\n", "1234", "0x1234567", "-1\n", "-5\n"};
    private static final String ALPHABET = "0123456789abcdefABCDEFxX+-\n \u0000g";

    private static final Gen<Kind> KINDS = Generate.frequency(List.of(weight(4, Kind.OPEN), weight(12, Kind.WRITE),
            weight(4, Kind.READ), weight(4, Kind.PREAD), weight(1, Kind.LSEEK), weight(1, Kind.CLOSE)));
    private static final Gen<Integer> SLOTS = integers().between(0, MAX_OPEN - 1);
    private static final Gen<Long> SEEDS = longs().all();

    private enum Kind { OPEN, WRITE, READ, PREAD, LSEEK, CLOSE }

    private final List<Integer> open = new ArrayList<>();
    private int handles;

    private static Pair<Integer, Gen<Kind>> weight(int weight, Kind kind) {
        return Pair.of(weight, arbitrary().constant(kind));
    }

    @Override
    public Optional<SystemCall> draw(RandomnessSource source) {
        Kind kind = KINDS.generate(source);
        int slot = SLOTS.generate(source);
        SplittableRandom arguments = new SplittableRandom(SEEDS.generate(source));
        if (kind == Kind.OPEN ? open.size() == MAX_OPEN : open.isEmpty()) {
            return Optional.empty();
        }
        int handle = kind == Kind.OPEN ? handles : open.get(slot % open.size());
        return Optional.of(switch (kind) {
            case OPEN -> new SystemCall.Open(handle,
                    DeviceUnderTest.Mode.values()[arguments.nextInt(DeviceUnderTest.Mode.values().length)]);
            case WRITE -> new SystemCall.Write(handle, data(arguments));
            case READ -> new SystemCall.Read(handle, arguments.nextInt(9));
            case PREAD -> new SystemCall.Pread(handle, arguments.nextInt(9), arguments.nextInt(7));
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

    /** What a write writes: a binary s32 or a hex string (a third each), a known bad string, or arbitrary bytes. */
    private static byte[] data(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value(random)).array();
            case 2, 3 -> SystemCall.ascii(hexString(value(random), random));
            case 4 -> SystemCall.ascii(GARBAGE[random.nextInt(GARBAGE.length)]);
            default -> anyBytes(random);
        };
    }

    /** Mostly values with a meaning here, one in three any s32. */
    private static int value(SplittableRandom random) {
        return random.nextInt(3) == 0 ? random.nextInt() : INTERESTING[random.nextInt(INTERESTING.length)];
    }

    /** The value in one of the string forms users write: bare or 0x hex, a sign, padding, a newline. */
    private static String hexString(int value, SplittableRandom random) {
        String digits = Long.toHexString(Math.abs((long) value));
        if (random.nextBoolean()) {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        int padding = random.nextInt(4) == 0 ? random.nextInt(36) : 0;
        String prefix = random.nextInt(3) == 0 ? "" : random.nextBoolean() ? "0x" : "0X";
        String sign = value < 0 ? "-" : random.nextInt(5) == 0 ? "+" : "";
        String newline = random.nextInt(3) == 0 ? "\n" : "";
        return sign + prefix + "0".repeat(padding) + digits + newline;
    }

    /** Up to 40 bytes: any at all, or from the characters the parser treats specially. */
    private static byte[] anyBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(41)];
        boolean anyByte = random.nextBoolean();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (anyByte ? random.nextInt(256) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return bytes;
    }
}
