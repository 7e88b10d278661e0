package io.github.lllqos.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchedulerCountersTest {

    @Test
    void numbers_are_parsed_in_place_after_a_key() throws Exception {
        Path file = Files.createTempFile("counters", ".txt");
        Files.writeString(file, "cpu  10 20 30 40 50 60 70 880 0 0\ncpu1 1 2 3 4 5 6 7 99 0 0\n"
                + "voluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t34\n");
        try (ProcFile proc = ProcFile.open(file, 4096)) {
            assertThat(proc.read()).isTrue();
            assertThat(proc.number(ProcFile.key("cpu "), 7)).isEqualTo(880);
            assertThat(proc.number(ProcFile.key("cpu1 "), 7)).isEqualTo(99);
            assertThat(proc.number(ProcFile.key("nonvoluntary_ctxt_switches:"), 0)).isEqualTo(34);
            assertThat(proc.number(ProcFile.key("cpu2 "), 0)).isEqualTo(-1);
            assertThat(proc.number(ProcFile.key("cpu1 "), 12)).isEqualTo(-1);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void the_threads_own_counters_are_read_without_allocating() {
        RealEnvironment.require(Files.isReadable(Path.of("/proc/thread-self/schedstat")),
                "/proc/thread-self/schedstat is missing (not Linux, or a kernel without CONFIG_SCHED_INFO)");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (SchedulerCounters counters = SchedulerCounters.openForCurrentThread(-1)) {
            assertThat(counters.missing()).isEmpty();
            long sum = 0;
            // Long enough for C2 to compile the path: C1's code allocates temporaries that C2 scalar-replaces.
            for (int i = 0; i < 30_000; i++) {
                sum += counters.runDelayNanos() + counters.involuntarySwitches() + counters.stealNanos();
            }
            // While the JIT compiles the path (FileChannelImpl.read and what it calls) the VM allocates a few
            // hundred bytes on the thread now and then (544 B at once seen here); once compiled, a read allocates
            // nothing. One object per read would be tens of kB in every window.
            long fewest = Long.MAX_VALUE;
            for (int window = 0; window < 10 && fewest > 0; window++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 2_000; i++) {
                    sum += counters.runDelayNanos() + counters.involuntarySwitches() + counters.stealNanos();
                }
                fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertThat(fewest).as("bytes allocated by 6,000 reads, in the best of up to ten rounds").isZero();
            assertThat(sum).isPositive();
        }
    }
}
