package io.github.lllqos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A Dockerfile read as Docker reads it, for tests that check one without building it. */
final class DockerfileInstructions {

    private DockerfileInstructions() {
    }

    /**
     * The instructions of a Dockerfile, without comments and blank lines, continued lines joined.
     *
     * @return each as {@code {INSTRUCTION, its arguments}}
     */
    static List<String[]> of(Path dockerfile) throws IOException {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(dockerfile)) {
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            line.append(raw.endsWith("\\") ? raw.substring(0, raw.length() - 1) : raw);
            if (!raw.endsWith("\\")) {
                String[] parts = line.toString().strip().split("\\s+", 2);
                instructions.add(new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
                line.setLength(0);
            }
        }
        return instructions;
    }

    /**
     * The instructions of one stage of a multi-stage Dockerfile, from its {@code FROM ... AS name} to the next
     * {@code FROM}, that line included.
     *
     * @return them, empty when there is no such stage
     */
    static List<String[]> ofStage(Path dockerfile, String stage) throws IOException {
        List<String[]> inStage = new ArrayList<>();
        boolean in = false;
        for (String[] instruction : of(dockerfile)) {
            if (instruction[0].equalsIgnoreCase("FROM")) {
                in = instruction[1].matches("(?i).*\\sAS\\s+" + Pattern.quote(stage));
            }
            if (in) {
                inStage.add(instruction);
            }
        }
        return inStage;
    }
}
