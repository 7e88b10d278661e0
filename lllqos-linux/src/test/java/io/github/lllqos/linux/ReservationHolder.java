package io.github.lllqos.linux;

import io.github.lllqos.contract.CpuReservationContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link ReservationHolderMain} on the Linux provider with a given lock directory. */
final class ReservationHolder implements CpuReservationContract.OtherHolder {

    private final Process process;
    private final String firstLine;

    private ReservationHolder(Process process, String firstLine) {
        this.process = process;
        this.firstLine = firstLine;
    }

    /** Starts a holder and waits until it has printed whether it holds a CPU. */
    static ReservationHolder start(Path lockDirectory, String cpus, String... properties) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlllqos.provider=linux", "-Dlllqos.cpu-lock-dir=" + lockDirectory,
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(properties));
        command.addAll(List.of(ReservationHolderMain.class.getName(), cpus));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = output.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the holder exited without a word: " + command);
        }
        return new ReservationHolder(process, line);
    }

    /** {@code held CPUS} or {@code refused REFUSAL: REASON}. */
    String firstLine() {
        return firstLine;
    }

    boolean holds() {
        return firstLine.startsWith("held ");
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** Lets the holder close its reservation and exit. */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
