package io.github.lllqos.cli.cyclic;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before a run, that a file named on the command line ({@code --json}, {@code --plot}) can be written. */
public final class OutputFile {

    private OutputFile() {
    }

    /**
     * Checks that {@code file} names a file that can be created or replaced.
     *
     * @param option the option, for the message
     * @param file the file given
     * @throws IllegalArgumentException naming the option, the file and what is wrong
     */
    public static void checkWritable(String option, Path file) {
        if (file.toString().isEmpty()) {
            throw new IllegalArgumentException(option + " needs a file name, was ''");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " must name a file, '" + file + "' is a directory");
        }
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(option + " file '" + file + "': the directory " + directory
                    + " does not exist");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(directory)) {
            throw new IllegalArgumentException(option + " file '" + file + "' cannot be written by user "
                    + System.getProperty("user.name") + (Files.exists(file) ? "" : " (in " + directory + ")"));
        }
    }
}
