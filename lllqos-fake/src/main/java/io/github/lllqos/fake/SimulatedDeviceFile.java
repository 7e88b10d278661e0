package io.github.lllqos.fake;

import io.github.lllqos.spi.support.DeviceNumber;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * An open file of the simulated {@code /dev/cpu_dma_latency}, behaving like a {@link java.nio.channels.FileChannel}
 * on the real device: it holds one request from open to {@link #close()}.
 *
 * <ul>
 *   <li>{@link #write(ByteBuffer)} of exactly 4 bytes sets the request to that native-order s32; any other length
 *   is parsed as a base-16 string ({@code "0x1f"}, {@code "12"} is 18, at most one trailing newline; only the
 *   first 34 bytes are looked at); -1 means the default; it returns the byte count.</li>
 *   <li>{@link #read(ByteBuffer)} returns the limit as a native s32 from a 4-byte buffer at the file position and
 *   advances it: the first read gives 4 bytes, the next -1 (end of file). {@link #read(ByteBuffer, long)} reads at
 *   a position without moving it. {@link #position(long)} is accepted and changes nothing, as the kernel's
 *   {@code noop_llseek}.</li>
 *   <li>Failures are {@link SimulatedErrnoException}s with the kernel's errno: {@code EINVAL} and {@code ERANGE}
 *   for strings, {@code EBADF} for writing a read-only file or reading a write-only one (where a
 *   {@code FileChannel} checks the mode itself and throws {@code NonWritableChannelException}). A write of an
 *   empty buffer is passed to the kernel too, which answers {@code EINVAL}.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class SimulatedDeviceFile implements ByteChannel {

    private static final String PATH = CpuDmaLatencyNode.PATH;

    private final CpuDmaLatencyNode node;
    /** The request this file holds; null for the other device of {@link DeviceAccess#OTHER_DEVICE}. */
    private final PmQosRequest request;
    private final DeviceNumber deviceNumber;
    private final boolean readable;
    private final boolean writable;
    private long position;
    private boolean open = true;

    SimulatedDeviceFile(CpuDmaLatencyNode node, PmQosRequest request, DeviceNumber deviceNumber, boolean readable,
                        boolean writable) {
        this.node = node;
        this.request = request;
        this.deviceNumber = deviceNumber;
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * The number of the device this file is open on, as {@code fstat} reports it ({@code st_rdev}): what a
     * provider checks before writing.
     *
     * @return {@link CpuDmaLatencyNode#NUMBER}, or {@link CpuDmaLatencyNode#OTHER_DEVICE_NUMBER} where
     *     the path names another device ({@link DeviceAccess#OTHER_DEVICE})
     */
    public DeviceNumber deviceNumber() {
        return deviceNumber;
    }

    /**
     * Writes a new value for this file's request: {@code cpu_latency_qos_write}.
     *
     * @param src 4 bytes for a binary s32, else a hex string; all remaining bytes are consumed on success
     * @return the number of bytes written: all that remained in {@code src}
     * @throws SimulatedErrnoException {@code EINVAL} or {@code ERANGE} for a bad string, {@code EBADF} when the file
     *     is not open for writing; {@code src} is not consumed then
     * @throws ClosedChannelException if this file is closed
     */
    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int count = src.remaining();
        if (!writable) {
            throw new SimulatedErrnoException(call("write", count), "EBADF");
        }
        if (request == null) {
            node.writtenToOtherDevice(count);
            src.position(src.position() + count);
            return count;
        }
        byte[] user = new byte[count];
        src.duplicate().get(user);
        int value;
        if (count == Integer.BYTES) {
            value = ByteBuffer.wrap(user).order(ByteOrder.nativeOrder()).getInt();
        } else {
            try {
                value = Kstrtox.kstrtos32FromUser(user, 16);
            } catch (Kstrtox.Failure failure) {
                throw new SimulatedErrnoException(call("write", count), failure.errno);
            }
        }
        node.write(request, value);
        src.position(src.position() + count);
        return count;
    }

    /**
     * Reads the limit at the file position and advances the position: {@code cpu_latency_qos_read}.
     *
     * @param dst receives up to {@code 4 - position} bytes of the native-order s32 limit
     * @return the bytes read, 0 if {@code dst} has no room, -1 at end of file (position 4 or more)
     * @throws SimulatedErrnoException {@code EBADF} when the file is not open for reading
     * @throws ClosedChannelException if this file is closed
     */
    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int read = readAt(dst, position, "read");
        if (read > 0) {
            position += read;
        }
        return read;
    }

    /**
     * Reads the limit at {@code position} without moving the file position: {@code pread}.
     *
     * @param dst receives up to {@code 4 - position} bytes of the native-order s32 limit
     * @param position the offset in the 4-byte value, non-negative
     * @return the bytes read, 0 if {@code dst} has no room, -1 at end of file (position 4 or more)
     * @throws IllegalArgumentException if {@code position} is negative
     * @throws SimulatedErrnoException {@code EBADF} when the file is not open for reading
     * @throws ClosedChannelException if this file is closed
     */
    public synchronized int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        return readAt(dst, position, "pread");
    }

    private int readAt(ByteBuffer dst, long at, String call) throws IOException {
        ensureOpen();
        int count = dst.remaining();
        if (!readable) {
            throw new SimulatedErrnoException(call(call, count), "EBADF");
        }
        if (count == 0) {
            return 0;
        }
        if (at >= Integer.BYTES || request == null) {
            return -1;
        }
        byte[] value = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder())
                .putInt(0, node.limit()).array();
        int n = (int) Math.min(count, Integer.BYTES - at);
        dst.put(value, (int) at, n);
        return n;
    }

    /**
     * The file position: where the next {@link #read(ByteBuffer)} starts.
     *
     * @return 0 after open, up to 4 after reads
     * @throws ClosedChannelException if this file is closed
     */
    public synchronized long position() throws IOException {
        ensureOpen();
        return position;
    }

    /**
     * Seeks as the kernel seeks this device ({@code noop_llseek}): accepted, and the position stays where it is.
     * So once the value was read, reopen the file or use {@link #read(ByteBuffer, long)} to read it again.
     *
     * @param newPosition the requested position, non-negative
     * @return this file
     * @throws IllegalArgumentException if {@code newPosition} is negative
     * @throws ClosedChannelException if this file is closed
     */
    public synchronized SimulatedDeviceFile position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        ensureOpen();
        return this;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /** Closes the file and removes its request, as the kernel does on the last close. Idempotent. */
    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            if (request != null) {
                node.release(request);
            }
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    private static String call(String call, int count) {
        return call + "(" + PATH + ", " + count + " bytes)";
    }

    @Override
    public synchronized String toString() {
        return "SimulatedDeviceFile[" + PATH + (readable ? " r" : " ") + (writable ? "w" : "") + ", "
                + (open ? "request " + request : "closed") + "]";
    }
}
