package io.github.lllqos.linux;

import io.github.lllqos.linux.internal.ErrnoException;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import io.github.lllqos.spi.support.DeviceNumber;

/**
 * What an open descriptor refers to, from {@code statx} on the descriptor itself: checked after the open, so the
 * path cannot be swapped between the check and the use.
 *
 * @param fileType the {@code S_IFMT} bits of the mode, such as {@link LibC#S_IFCHR}
 * @param device for a character or block device its number, else 0:0
 */
record OpenFileKind(int fileType, DeviceNumber device) {

    /**
     * Describes an open descriptor.
     *
     * @param libc the native calls
     * @param fd the descriptor
     * @param emptyPath the empty C string, from {@link NativeLibc#cString}
     * @param statx a block of {@value NativeLibc#SIZEOF_STATX} bytes for one call at a time
     * @return its kind
     * @throws ErrnoException when {@code statx} fails
     */
    static OpenFileKind of(NativeLibc libc, int fd, NativeMemory emptyPath, NativeMemory statx)
            throws ErrnoException {
        libc.statx(fd, emptyPath, NativeLibc.AT_EMPTY_PATH, NativeLibc.STATX_TYPE, statx);
        int mode = statx.getShort(NativeLibc.STATX_MODE_OFFSET) & 0xffff;
        return new OpenFileKind(mode & NativeLibc.S_IFMT, new DeviceNumber(statx.getInt(NativeLibc.STATX_RDEV_MAJOR_OFFSET),
                statx.getInt(NativeLibc.STATX_RDEV_MINOR_OFFSET)));
    }

    /**
     * Whether this is the character device of that number.
     *
     * @param number the expected device number
     * @return true for that character device only
     */
    boolean isCharacterDevice(DeviceNumber number) {
        return fileType == NativeLibc.S_IFCHR && device.equals(number);
    }

    /**
     * For messages.
     *
     * @return such as {@code "character device 1:5"}, {@code "a regular file"} or {@code "a FIFO"}
     */
    String describe() {
        return switch (fileType) {
            case NativeLibc.S_IFCHR -> "character device " + device;
            case NativeLibc.S_IFBLK -> "block device " + device;
            case NativeLibc.S_IFREG -> "a regular file";
            case NativeLibc.S_IFDIR -> "a directory";
            case NativeLibc.S_IFIFO -> "a FIFO";
            case NativeLibc.S_IFSOCK -> "a socket";
            default -> "file type " + Integer.toOctalString(fileType);
        };
    }
}
