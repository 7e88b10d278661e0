package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.CpuReservationContract;
import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reservation contract on the real kernel, with a lock directory of the test's own; the affinity is read from
 * {@code /proc/thread-self/status} and the other holder is a child JVM.
 */
class LinuxCpuReservationContractTest extends CpuReservationContract {

    @TempDir
    Path locks;

    private String before;

    @Override
    protected String expectedProviderName() {
        return "linux";
    }

    @Override
    protected void prepareKernel() {
        RealEnvironment.require(System.getProperty("os.name").startsWith("Linux"), "this is not Linux");
        before = System.getProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY);
        System.setProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY, locks.toString());
    }

    @Override
    protected void requireRealtimeScheduling() {
        RealEnvironment.requireRoot("sets SCHED_RR on a reserved CPU");
    }

    @Override
    protected void restoreKernel() {
        if (before == null) {
            System.clearProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY);
        } else {
            System.setProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY, before);
        }
    }

    @Override
    protected Set<Integer> kernelAffinityOfThisThread() {
        try {
            String list = Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                    .substring("Cpus_allowed_list:".length());
            return new TreeSet<>(CpuList.parse(list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected OtherHolder holdInAnotherProcess(int cpu) throws IOException {
        ReservationHolder holder = ReservationHolder.start(locks, Integer.toString(cpu));
        assertThat(holder.holds()).as(holder.firstLine()).isTrue();
        return holder;
    }
}
