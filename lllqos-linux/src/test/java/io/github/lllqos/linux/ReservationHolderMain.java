package io.github.lllqos.linux;

import io.github.lllqos.spi.CpuLocks;
import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.spi.support.CpuLockFiles;
import io.github.lllqos.topology.CpuReservation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * A child process that reserves a CPU among those named (or any reservable one, for {@code any}), prints
 * {@code held CPUS} or {@code refused WHY: REASON}, and keeps its reservation until its standard input closes.
 * With {@code probe:N} it reserves nothing: it reads who holds CPU N over and over, as fast as it can (as
 * {@code lllqos cpus} and the reasons of refused reservations read it, only without pause), and prints
 * {@code probing} once it has read it the first time.
 */
final class ReservationHolderMain {

    /** The argument that makes this process a reader of one CPU's holder, {@code probe:N}. */
    static final String PROBE = "probe:";

    private ReservationHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].startsWith(PROBE)) {
            probeUntilInputCloses(Integer.parseInt(args[0].substring(PROBE.length())));
            return;
        }
        try (CpuReservation cpu = args[0].equals("any") ? CpuReservation.acquire()
                : CpuReservation.acquireAmong(Set.copyOf(new TreeSet<>(CpuList.parse(args[0]))))) {
            System.out.println(cpu.acquired() ? "held " + CpuList.format(cpu.cpus())
                    : "refused " + cpu.refused().orElseThrow() + ": " + cpu.notAcquiredReason().orElseThrow());
            System.out.flush();
            awaitInputClosed();
        }
    }

    private static void probeUntilInputCloses(int cpu) throws IOException {
        CpuLocks locks = new CpuLockFiles(Path.of(System.getProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY)));
        Thread watcher = new Thread(ReservationHolderMain::awaitInputClosed, "input");
        watcher.setDaemon(true);
        watcher.start();
        locks.holderRecord(cpu);
        System.out.println("probing");
        System.out.flush();
        while (watcher.isAlive()) {
            locks.holderRecord(cpu);
        }
    }

    private static void awaitInputClosed() {
        try {
            while (System.in.read() >= 0) {
                // hold until the parent closes our input or kills us
            }
        } catch (IOException e) {
            // the parent is gone
        }
    }
}
