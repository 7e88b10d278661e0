package io.github.lllqos.monitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code /proc} file kept open and read again from offset 0 into one preallocated direct buffer, so a read is
 * one {@code pread} and allocates nothing; the content is copied once into a preallocated array and its numbers
 * are parsed there (byte by byte through the buffer would be slower, and allocates while interpreted).
 */
final class ProcFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final byte[] bytes;
    private int length;

    private ProcFile(Path path, FileChannel channel, int capacity) {
        this.path = path;
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(capacity);
        this.bytes = new byte[capacity];
    }

    /**
     * Opens a file; {@code /proc/thread-self/...} names the calling thread's files for as long as this stays open.
     *
     * @param path the file
     * @param capacity the largest content read
     * @return the open file
     * @throws IOException if it cannot be opened
     */
    static ProcFile open(Path path, int capacity) throws IOException {
        return new ProcFile(path, FileChannel.open(path, StandardOpenOption.READ), capacity);
    }

    /**
     * Reads the file's current content, up to the capacity, with one {@code pread}: the kernel makes a
     * {@code /proc} file's whole text for each read from offset 0 and hands over all that fits, so a second read
     * would find only the end of the file.
     *
     * @return false if the read failed; the content is then empty
     */
    boolean read() {
        buffer.clear();
        try {
            int total = Math.max(0, channel.read(buffer, 0));
            buffer.get(0, bytes, 0, total);
            length = total;
            return true;
        } catch (IOException e) {
            length = 0;
            return false;
        }
    }

    /**
     * The {@code field}th whitespace-separated number (from 0) after the first occurrence of {@code key}.
     *
     * @param key bytes that start the part to read, such as {@code "cpu "}; empty for the start of the file
     * @param field which number after the key
     * @return the number, or -1 when the key or the field is missing
     */
    long number(byte[] key, int field) {
        int at = indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length;
        for (int seen = 0; i < length; seen++) {
            while (i < length && !digit(bytes[i])) {
                if (bytes[i] == '\n') {
                    return -1;
                }
                i++;
            }
            long value = 0;
            boolean any = false;
            while (i < length && digit(bytes[i])) {
                value = value * 10 + (bytes[i] - '0');
                any = true;
                i++;
            }
            if (!any) {
                return -1;
            }
            if (seen == field) {
                return value;
            }
        }
        return -1;
    }

    private int indexOf(byte[] key) {
        outer:
        for (int i = 0; i + key.length <= length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (bytes[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * The bytes of a key, made once.
     *
     * @param text ASCII
     * @return its bytes
     */
    static byte[] key(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written; there is nothing to lose
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
