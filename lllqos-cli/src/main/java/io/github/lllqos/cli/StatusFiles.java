package io.github.lllqos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the kernel's files under a root directory ({@code /}, or a test's copy of the tree): each read gives the
 * content or, when the file cannot be read, an unknown value that says why.
 */
final class StatusFiles {

    private final Path root;

    StatusFiles(Path root) {
        this.root = root;
    }

    /**
     * Reads a file.
     *
     * @param absolutePath such as {@code "/proc/sys/kernel/version"}
     * @return the content without surrounding white space, or unknown with the reason
     */
    Report.Value read(String absolutePath) {
        Path file = resolve(absolutePath);
        try {
            String text = new String(readInOneGo(file), StandardCharsets.UTF_8).strip();
            return Report.Value.known(text, text);
        } catch (NoSuchFileException e) {
            return Report.Value.unknown(absolutePath + " does not exist");
        } catch (AccessDeniedException e) {
            return Report.Value.unknown(absolutePath + " is not readable by user " + System.getProperty("user.name")
                    + " (run as root)");
        } catch (IOException e) {
            return Report.Value.unknown("reading " + absolutePath + " failed: " + e.getMessage());
        }
    }

    /**
     * Reads with a large first read: {@code /proc/sys} files answer a read at a non-zero offset with end of file,
     * so {@link Files#readAllBytes}, which starts with a one-byte read where the size is 0, would get "9" of
     * "950000".
     */
    static byte[] readInOneGo(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    /** The file's path under the root. */
    Path resolve(String absolutePath) {
        return root.resolve(absolutePath.substring(1));
    }
}
