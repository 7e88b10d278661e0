package io.github.lllqos.linux;

import io.github.lllqos.spi.SystemFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's reports under {@code /proc} and {@code /sys}, read below a root directory: {@code /} on Linux, or a
 * copy of the tree, as tests make one.
 */
public final class SystemFilesUnderRoot implements SystemFiles {

    private final Path root;

    /**
     * Files below a root.
     *
     * @param root the directory that stands for {@code /}
     */
    public SystemFilesUnderRoot(Path root) {
        this.root = root;
    }

    /**
     * Reads with a large first read: {@code /proc/sys} files answer a read at a non-zero offset with end of file,
     * so {@link Files#readString}, which starts with a one-byte read where the size is 0, would get "9" of
     * "950000".
     */
    @Override
    public String read(String path) throws IOException {
        try (InputStream in = Files.newInputStream(resolve(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        try (Stream<Path> entries = Files.list(resolve(path))) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    @Override
    public String readLink(String path) throws IOException {
        return Files.readSymbolicLink(resolve(path)).toString();
    }

    private Path resolve(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public String toString() {
        return "SystemFilesUnderRoot[" + root + "]";
    }
}
