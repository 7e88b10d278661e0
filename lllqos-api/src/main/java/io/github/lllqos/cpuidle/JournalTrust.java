package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatencyException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who may have written a journal of sysfs changes. {@code lllqos restore} runs as root and writes what the journal
 * says, so lllqos reads only a journal whose directory and file are owned by this user or by root and writable by
 * no one else, and makes them so: the directory {@code rwxr-xr-x}, the files {@code rw-r--r--} (less where the
 * umask takes more away). On a file system without POSIX permissions there is nothing to check.
 */
final class JournalTrust {

    private static final String ROOT = "root";

    private JournalTrust() {
    }

    /**
     * The mode to create the journal's directory with.
     *
     * @param directory the directory
     * @return {@code rwxr-xr-x}, or nothing where the file system has no POSIX permissions
     */
    static FileAttribute<?>[] directoryMode(Path directory) {
        return mode(directory, "rwxr-xr-x");
    }

    /**
     * The mode to create the journal's files with.
     *
     * @param file the file
     * @return {@code rw-r--r--}, or nothing where the file system has no POSIX permissions
     */
    static FileAttribute<?>[] fileMode(Path file) {
        return mode(file, "rw-r--r--");
    }

    /**
     * Refuses a journal directory or file that someone else than this user or root may have written.
     *
     * @param path the directory or file; a missing one passes
     * @param what {@code "directory"} or {@code "file"}, for the message
     * @throws LowLatencyException naming the path, its owner and mode, the rule and the fix, when it is owned by
     *     another user or writable by its group or others
     */
    static void require(Path path, String what) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (NoSuchFileException | UnsupportedOperationException nothingToCheck) {
            return;
        } catch (IOException e) {
            throw new LowLatencyException("cannot read the owner and mode of the journal " + what + " " + path + ": "
                    + e);
        }
        String user = System.getProperty("user.name");
        Set<PosixFilePermission> permissions = attributes.permissions();
        List<String> fixes = new ArrayList<>();
        if (!attributes.owner().getName().equals(ROOT) && !isUser(path, attributes.owner(), user)) {
            fixes.add("chown " + user + " " + path);
        }
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            fixes.add("chmod go-w " + path);
        }
        if (!fixes.isEmpty()) {
            throw new LowLatencyException("the journal " + what + " " + path + " is owned by "
                    + attributes.owner().getName() + " with mode " + PosixFilePermissions.toString(permissions)
                    + ": lllqos reads only a journal owned by this user (" + user + ") or root that no one else may"
                    + " write, since whoever may write it could make lllqos write to the files it names. lllqos"
                    + " changes and restores no sysfs value while it is so: " + String.join("; ", fixes)
                    + " (see docs/cpuidle.md)");
        }
    }

    private static boolean isUser(Path path, UserPrincipal owner, String user) {
        try {
            return owner.equals(path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
        } catch (IOException noSuchUser) {
            return false;
        }
    }

    private static FileAttribute<?>[] mode(Path path, String permissions) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                permissions))};
    }
}
