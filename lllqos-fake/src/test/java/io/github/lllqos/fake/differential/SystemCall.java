package io.github.lllqos.fake.differential;

import java.nio.charset.StandardCharsets;

/**
 * One system call of a generated sequence on the device node, made the same way on the real device and on the
 * simulation; its outcome is printable text (the count, the bytes read in hex, or the errno), compared as text.
 */
sealed interface SystemCall {

    /**
     * Makes the call.
     *
     * @param device the real device or the simulation
     * @return the outcome as text
     */
    String applyTo(DeviceUnderTest device);

    /**
     * The descriptor the call is on.
     *
     * @return its handle, the number of opens before the one that made it
     */
    int handle();

    /** {@code open()}; the descriptor gets handle {@code handle}, the number of opens before it. */
    record Open(int handle, DeviceUnderTest.Mode mode) implements SystemCall {
        @Override
        public String applyTo(DeviceUnderTest device) {
            return device.open(mode);
        }

        @Override
        public String toString() {
            return "fd" + handle + " = open(" + mode + ")";
        }
    }

    /** {@code write(fd, data, data.length)}. */
    record Write(int handle, byte[] data) implements SystemCall {
        @Override
        public String applyTo(DeviceUnderTest device) {
            return device.write(handle, data);
        }

        @Override
        public String toString() {
            return "write(fd" + handle + ", " + printable(data) + ")";
        }
    }

    /** {@code read(fd, buf, count)}. */
    record Read(int handle, int count) implements SystemCall {
        @Override
        public String applyTo(DeviceUnderTest device) {
            return device.read(handle, count);
        }

        @Override
        public String toString() {
            return "read(fd" + handle + ", " + count + ")";
        }
    }

    /** {@code pread(fd, buf, count, offset)}. */
    record Pread(int handle, int count, long offset) implements SystemCall {
        @Override
        public String applyTo(DeviceUnderTest device) {
            return device.pread(handle, count, offset);
        }

        @Override
        public String toString() {
            return "pread(fd" + handle + ", " + count + ", " + offset + ")";
        }
    }

    /** {@code lseek(fd, 0, SEEK_SET)}. */
    record Rewind(int handle) implements SystemCall {
        @Override
        public String applyTo(DeviceUnderTest device) {
            return device.rewind(handle);
        }

        @Override
        public String toString() {
            return "lseek(fd" + handle + ", 0, SEEK_SET)";
        }
    }

    /** {@code close(fd)}. */
    record Close(int handle) implements SystemCall {
        @Override
        public String applyTo(DeviceUnderTest device) {
            device.close(handle);
            return "closed";
        }

        @Override
        public String toString() {
            return "close(fd" + handle + ")";
        }
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
