package io.github.lllqos.fake.differential;

import com.sun.jna.LastErrorException;

/** Symbolic names of the errno values the device can return. */
final class Errno {

    private Errno() {
    }

    static String name(LastErrorException e) {
        switch (e.getErrorCode()) {
            case 1:
                return "EPERM";
            case 2:
                return "ENOENT";
            case 9:
                return "EBADF";
            case 13:
                return "EACCES";
            case 14:
                return "EFAULT";
            case 22:
                return "EINVAL";
            case 34:
                return "ERANGE";
            default:
                return "errno " + e.getErrorCode();
        }
    }
}
