package io.github.lllqos.cli.cyclic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real cyclictest of this machine (Debian package rt-tests), for comparing formats with it. */
final class Cyclictest {

    static final Path BINARY = Path.of("/usr/bin/cyclictest");

    private Cyclictest() {
    }

    /**
     * Skips or fails (under {@code -Dlllqos.require=real}) where cyclictest is not installed, or cannot run: it
     * refuses to start without real-time scheduling (root, CAP_SYS_NICE or RLIMIT_RTPRIO), even at priority 0.
     */
    static void require() {
        RealEnvironment.require(Files.isExecutable(BINARY), BINARY + " is missing (install the rt-tests package)");
        String refusal = Probe.REFUSAL;
        RealEnvironment.require(refusal.isEmpty(), BINARY + " cannot run here: " + refusal);
    }

    /** One short run of cyclictest, made once: empty when it ran, else what it printed on refusing. */
    private static final class Probe {
        static final String REFUSAL = probe();

        private static String probe() {
            try {
                Process process = new ProcessBuilder(BINARY.toString(), "-l", "1", "-i", "1000", "-q")
                        .redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return "a run of one loop did not end within 60 s";
                }
                return process.exitValue() == 0 ? ""
                        : "exit code " + process.exitValue() + ": " + out.strip().replaceAll("\\s+", " ");
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    /**
     * Runs cyclictest to its end.
     *
     * @param args its arguments
     * @return its standard output
     */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("cyclictest ended").isTrue();
        assertThat(process.exitValue()).as("cyclictest's exit code").isZero();
        return out;
    }
}
