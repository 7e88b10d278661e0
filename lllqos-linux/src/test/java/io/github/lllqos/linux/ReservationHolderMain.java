package io.github.lllqos.linux;

import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.topology.CpuReservation;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * A child process that reserves a CPU among those named (or any reservable one, for {@code any}), prints
 * {@code held CPUS} or {@code refused WHY: REASON}, and keeps its reservation until its standard input closes.
 */
final class ReservationHolderMain {

    private ReservationHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        try (CpuReservation cpu = args[0].equals("any") ? CpuReservation.acquire()
                : CpuReservation.acquireAmong(Set.copyOf(new TreeSet<>(CpuList.parse(args[0]))))) {
            System.out.println(cpu.acquired() ? "held " + CpuList.format(cpu.cpus())
                    : "refused " + cpu.refused().orElseThrow() + ": " + cpu.notAcquiredReason().orElseThrow());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input or kills us
            }
        }
    }
}
