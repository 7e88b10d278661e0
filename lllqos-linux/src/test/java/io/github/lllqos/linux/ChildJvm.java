package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a probe in a child JVM behind a command prefix (prlimit, setpriv, a shell), with this JVM's class path
 * copied where any user can read it.
 */
final class ChildJvm {

    private final Path temp;
    private String classPath;

    ChildJvm(Path temp) {
        this.temp = temp;
    }

    /** Runs {@code mainClass} after {@code prefix} and returns its output; fails unless it exits with 0. */
    String run(List<String> prefix, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        return run(prefix, List.of(), mainClass, args);
    }

    /**
     * Runs {@code mainClass} after {@code prefix} with JVM options, which come after this class's own and so
     * override them, and returns its output; fails unless it exits with 0. On JDK 22 and later native access is
     * enabled for the class path, as users are told to, unless the options say otherwise.
     */
    String run(List<String> prefix, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22 && jvmOptions.stream().noneMatch(option ->
                option.startsWith("--enable-native-access") || option.startsWith("--illegal-native-access"))) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Djna.tmpdir=" + temp.resolve("jna"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), mainClass.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(temp, "child", ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("child finished: %s%n%s", command, output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }

    private String classPath() throws IOException {
        if (classPath != null) {
            return classPath;
        }
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(Files.createDirectory(temp.resolve("jna")),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = temp.resolve("cp" + index++ + (Files.isDirectory(source) ? "" : ".jar"));
            copyTree(source, target);
            entries.add(target.toString());
        }
        classPath = String.join(File.pathSeparator, entries);
        return classPath;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
