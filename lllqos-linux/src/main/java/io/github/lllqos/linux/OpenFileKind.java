package io.github.lllqos.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import io.github.lllqos.linux.internal.LibC;
import io.github.lllqos.linux.internal.Scratch;
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
     * @param fd the descriptor
     * @return its kind
     * @throws LastErrorException with errno when {@code statx} fails
     */
    static OpenFileKind of(int fd) {
        Pointer statx = Scratch.threadStatx();
        LibC.statx(fd, Scratch.emptyString(), LibC.AT_EMPTY_PATH, LibC.STATX_TYPE, statx);
        int mode = statx.getShort(LibC.STATX_MODE_OFFSET) & 0xffff;
        return new OpenFileKind(mode & LibC.S_IFMT, new DeviceNumber(statx.getInt(LibC.STATX_RDEV_MAJOR_OFFSET),
                statx.getInt(LibC.STATX_RDEV_MINOR_OFFSET)));
    }

    /**
     * Whether this is the character device of that number.
     *
     * @param number the expected device number
     * @return true for that character device only
     */
    boolean isCharacterDevice(DeviceNumber number) {
        return fileType == LibC.S_IFCHR && device.equals(number);
    }

    /**
     * For messages.
     *
     * @return such as {@code "character device 1:5"}, {@code "a regular file"} or {@code "a FIFO"}
     */
    String describe() {
        return switch (fileType) {
            case LibC.S_IFCHR -> "character device " + device;
            case LibC.S_IFBLK -> "block device " + device;
            case LibC.S_IFREG -> "a regular file";
            case LibC.S_IFDIR -> "a directory";
            case LibC.S_IFIFO -> "a FIFO";
            case LibC.S_IFSOCK -> "a socket";
            default -> "file type " + Integer.toOctalString(fileType);
        };
    }
}
