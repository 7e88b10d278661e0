package io.github.lllqos.docker;

import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.topology.CpuReservation;
import java.util.Set;
import java.util.TreeSet;

/**
 * A program of the test image that reserves a CPU through the public API and keeps it until it is killed.
 *
 * <p>Usage: {@code ReservationProgram CPUS}: reserves one of the CPUs listed (such as {@code 1} or {@code 0-3}) in the
 * lock directory ({@code /run/lllqos/cpus} unless {@code -Dlllqos.cpu-lock-dir} says otherwise) and prints one line,
 * {@code held CPUS} or {@code refused WHY: REASON}.
 */
public final class ReservationProgram {

    private ReservationProgram() {
    }

    /**
     * Runs the program.
     *
     * @param args the CPU list
     * @throws InterruptedException never: the program holds until it is killed
     */
    public static void main(String[] args) throws InterruptedException {
        try (CpuReservation cpu = CpuReservation.acquireAmong(Set.copyOf(new TreeSet<>(CpuList.parse(args[0]))))) {
            System.out.println(cpu.acquired() ? "held " + CpuList.format(cpu.cpus())
                    : "refused " + cpu.refused().orElseThrow() + ": " + cpu.notAcquiredReason().orElseThrow());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
