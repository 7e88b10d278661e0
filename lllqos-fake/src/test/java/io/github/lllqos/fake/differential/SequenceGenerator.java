package io.github.lllqos.fake.differential;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random sequences of open, write (binary, hex strings, garbage), read, pread, lseek and close on up to four
 * descriptors, ending with every descriptor closed and the limit read through a new one.
 */
final class SequenceGenerator {

    private static final int MAX_OPEN = 4;
    private static final int[] INTERESTING = {0, 1, 7, 18, 50, 123, 1000, 0x7fffffff, 2_000_000_000,
        2_000_000_001, -1, -2, -5, -16, Integer.MIN_VALUE, 170_930_225, 875_770_417};
    private static final String[] GARBAGE = {"", " 20", "20 ", "0xzzzzzzzz", "0x", "0X", "-", "+", "\n", "5\n\n",
        "-+5", "+-5", "0x0x1", "x12", "12\u0000zz", "\u0000\u0000\u0000", "abcdefgh\n", "1 2", "0x1g", "\n5",
        "ab\u0000", "-0", "+0x20", "-0x80000000", "-0x80000001", "0x80000000", "12345678901", "7fffffff",
        "ffffffffffffffffff", "11111111111111111111zz", "00000010ab", "100\n", "1234", "0x1234567", "-1\n", "-5\n"};

    private final Random random;

    SequenceGenerator(long seed) {
        this.random = new Random(seed);
    }

    List<Operation> next(int length) {
        List<Operation> operations = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        int handles = 0;
        while (operations.size() < length) {
            int choice = random.nextInt(13);
            if (open.isEmpty() || (choice < 2 && open.size() < MAX_OPEN)) {
                DeviceUnderTest.Mode mode = DeviceUnderTest.Mode.values()[random.nextInt(3)];
                operations.add(Operation.open(handles, mode));
                open.add(handles++);
                continue;
            }
            int handle = open.get(random.nextInt(open.size()));
            if (choice < 8) {
                operations.add(Operation.write(handle, data()));
            } else if (choice < 10) {
                operations.add(Operation.read(handle, random.nextInt(9)));
            } else if (choice < 12) {
                operations.add(Operation.pread(handle, random.nextInt(9), random.nextInt(7)));
            } else if (random.nextBoolean()) {
                operations.add(Operation.rewind(handle));
            } else {
                operations.add(Operation.close(handle));
                open.remove(Integer.valueOf(handle));
            }
        }
        for (int handle : open) {
            operations.add(Operation.close(handle));
        }
        operations.add(Operation.open(handles, DeviceUnderTest.Mode.O_RDONLY));
        operations.add(Operation.pread(handles, 8, 0));
        operations.add(Operation.close(handles));
        return operations;
    }

    private byte[] data() {
        switch (random.nextInt(6)) {
            case 0:
            case 1:
                return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value()).array();
            case 2:
            case 3:
                return Operation.ascii(hexString(value()));
            case 4:
                return Operation.ascii(GARBAGE[random.nextInt(GARBAGE.length)]);
            default:
                return randomBytes();
        }
    }

    private int value() {
        return random.nextInt(3) == 0 ? random.nextInt() : INTERESTING[random.nextInt(INTERESTING.length)];
    }

    /** The value in one of the string forms users write: bare or 0x hex, a sign, padding, a newline. */
    private String hexString(int value) {
        long magnitude = Math.abs((long) value);
        String digits = Long.toHexString(magnitude);
        if (random.nextBoolean()) {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        int padding = random.nextInt(4) == 0 ? random.nextInt(36) : 0;
        String prefix = random.nextInt(3) == 0 ? "" : random.nextBoolean() ? "0x" : "0X";
        String sign = value < 0 ? "-" : random.nextInt(5) == 0 ? "+" : "";
        String newline = random.nextInt(3) == 0 ? "\n" : "";
        return sign + prefix + "0".repeat(padding) + digits + newline;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(41)];
        if (random.nextBoolean()) {
            random.nextBytes(bytes);
        } else {
            String alphabet = "0123456789abcdefABCDEFxX+-\n \u0000g";
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
        }
        return bytes;
    }
}
