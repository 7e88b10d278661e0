package io.github.lllqos.linux;

import io.github.lllqos.spi.SystemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's reports under {@code /proc} and {@code /sys}, read below a root directory ({@code /} on Linux). */
final class SystemFilesUnderRoot implements SystemFiles {

    private final Path root;

    SystemFilesUnderRoot(Path root) {
        this.root = root;
    }

    @Override
    public String read(String path) throws IOException {
        return Files.readString(root.resolve(path.startsWith("/") ? path.substring(1) : path));
    }

    @Override
    public String toString() {
        return "SystemFilesUnderRoot[" + root + "]";
    }
}
