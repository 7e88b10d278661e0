package io.github.lllqos.linux;

import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import io.github.lllqos.spi.support.DeviceNumber;

/**
 * What a path or an open descriptor refers to, from {@code statx}: on the path before it is opened, so nothing else
 * is opened, and on the descriptor itself after the open, so the path cannot be swapped between the check and the
 * use.
 *
 * @param fileType the {@code S_IFMT} bits of the mode, such as {@link NativeLibc#S_IFCHR}
 * @param device for a character or block device its number, else 0:0
 */
record OpenFileKind(int fileType, DeviceNumber device) {

    /**
     * The kind a {@code struct statx} describes.
     *
     * @param statx filled by {@code statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, statx)} or
     *     {@code statx(AT_FDCWD, path, 0, STATX_TYPE, statx)}
     * @return its kind
     */
    static OpenFileKind of(NativeMemory statx) {
        return new OpenFileKind(fileType(statx), new DeviceNumber(statx.getInt(NativeLibc.STATX_RDEV_MAJOR_OFFSET),
                statx.getInt(NativeLibc.STATX_RDEV_MINOR_OFFSET)));
    }

    /**
     * Whether a {@code struct statx} describes the character device of that number; allocates nothing, as it runs
     * for every lease.
     *
     * @param statx filled by {@code statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, statx)} or
     *     {@code statx(AT_FDCWD, path, 0, STATX_TYPE, statx)}
     * @param number the expected device number
     * @return true for that character device only
     */
    static boolean isCharacterDevice(NativeMemory statx, DeviceNumber number) {
        return fileType(statx) == NativeLibc.S_IFCHR
                && statx.getInt(NativeLibc.STATX_RDEV_MAJOR_OFFSET) == number.major()
                && statx.getInt(NativeLibc.STATX_RDEV_MINOR_OFFSET) == number.minor();
    }

    private static int fileType(NativeMemory statx) {
        return statx.getShort(NativeLibc.STATX_MODE_OFFSET) & 0xffff & NativeLibc.S_IFMT;
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
