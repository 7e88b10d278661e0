package io.github.lllqos.fake.differential;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** One system call of a generated sequence, with a description that says what it does. */
final class Operation {

    private final String description;
    private final Function<DeviceUnderTest, String> call;

    private Operation(String description, Function<DeviceUnderTest, String> call) {
        this.description = description;
        this.call = call;
    }

    static Operation open(int handle, DeviceUnderTest.Mode mode) {
        return new Operation("fd" + handle + " = open(" + mode + ")", device -> device.open(mode));
    }

    static Operation write(int handle, byte[] data) {
        return new Operation("write(fd" + handle + ", " + printable(data) + ")", device -> device.write(handle, data));
    }

    static Operation read(int handle, int count) {
        return new Operation("read(fd" + handle + ", " + count + ")", device -> device.read(handle, count));
    }

    static Operation pread(int handle, int count, long offset) {
        return new Operation("pread(fd" + handle + ", " + count + ", " + offset + ")",
                device -> device.pread(handle, count, offset));
    }

    static Operation rewind(int handle) {
        return new Operation("lseek(fd" + handle + ", 0, SEEK_SET)", device -> device.rewind(handle));
    }

    static Operation close(int handle) {
        return new Operation("close(fd" + handle + ")", device -> {
            device.close(handle);
            return "closed";
        });
    }

    String applyTo(DeviceUnderTest device) {
        return call.apply(device);
    }

    @Override
    public String toString() {
        return description;
    }

    /** The bytes as a C string literal, so a transcript shows exactly what was written. */
    static String printable(byte[] data) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : data) {
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                text.append((char) b);
            } else if (b == '\n') {
                text.append("\\n");
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return text.append("\" (").append(data.length).append(" bytes)").toString();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
