package io.github.lllqos.fake.differential;

/**
 * The device node as a sequence of system calls, run the same way on the real device and on the simulation.
 * Every call answers with a printable outcome (the count, the bytes read in hex, or the errno), compared as text.
 */
interface DeviceUnderTest extends AutoCloseable {

    /** How a descriptor is opened. */
    enum Mode { O_RDONLY, O_WRONLY, O_RDWR }

    /** Opens the device; the descriptor gets the next handle number. */
    String open(Mode mode);

    /** {@code write(fd, data, data.length)}. */
    String write(int handle, byte[] data);

    /** {@code read(fd, buf, count)}. */
    String read(int handle, int count);

    /** {@code pread(fd, buf, count, offset)}. */
    String pread(int handle, int count, long offset);

    /** {@code lseek(fd, 0, SEEK_SET)}: the offset it returns. */
    String rewind(int handle);

    /** {@code close(fd)}; the handle number is not reused. */
    void close(int handle);

    /** Closes every descriptor still open. */
    @Override
    void close();

    static String hex(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder(length + " bytes");
        for (int i = 0; i < length; i++) {
            text.append(i == 0 ? " " : "").append(String.format("%02x", bytes[i]));
        }
        return text.toString();
    }
}
