package io.github.lllqos.cli.cyclic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.contract.RealEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CyclicRealRunTest {

    private static final int SCHED_FIFO = 1;
    private static final int SCHED_DEADLINE = 6;

    /** Fields 40 (rt_priority) and 41 (policy) of a thread's /proc stat, as the kernel sees them. */
    private static int[] priorityAndPolicy(int tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state).
        return new int[] {Integer.parseInt(fields[40 - 3]), Integer.parseInt(fields[41 - 3])};
    }

    /** Reads, as the first activation is reported, the measuring thread's priority and policy from the kernel. */
    private static final class SchedulingSeen implements RunObserver {

        private final Consumer<CpuLatencyLease> onLease;
        /** rt_priority and policy; null until the first progress report with an activation. */
        volatile int[] seen;

        SchedulingSeen(Consumer<CpuLatencyLease> onLease) {
            this.onLease = onLease;
        }

        @Override
        public void leaseTaken(CpuLatencyLease lease) {
            onLease.accept(lease);
        }

        @Override
        public void progress(List<ThreadStats> threads) {
            ThreadStats thread = threads.get(0);
            if (seen == null && thread.cycles() > 0) {
                try {
                    seen = priorityAndPolicy(thread.tid());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void two_hundred_activations_at_sched_fifo_80_with_locked_memory_and_a_held_lease() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        RealEnvironment.requireRoot("runs at SCHED_FIFO 80 with locked memory");
        CyclicSettings settings = new CyclicSettings(1000, 500, 200, SchedPolicy.FIFO, 80, true, Optional.empty(), 1, 100,
                OptionalInt.of(0), Duration.ZERO);
        StringWriter out = new StringWriter();
        LiveDisplay display = new LiveDisplay(new PrintWriter(out), new PrintWriter(out), SchedPolicy.FIFO, true);
        SchedulingSeen observer = new SchedulingSeen(display::leaseTaken);

        CyclicResult result = new CyclicTest(settings, Wakeups.tickers(), Wakeups.tuning()).run(observer);

        assertThat(result.leaseHeld()).isTrue();
        assertThat(out.toString()).contains("# /dev/cpu_dma_latency set to 0us");
        assertThat(observer.seen).as("rt_priority and policy of the measuring thread while it ran")
                .containsExactly(80, SCHED_FIFO);
        ThreadStats thread = result.threads().get(0);
        assertThat(thread.cycles()).isEqualTo(200);
        assertThat(thread.histogram().getTotalCount()).isEqualTo(200);
        assertThat(thread.minMicros()).isLessThanOrEqualTo(thread.avgMicros());
        assertThat(thread.avgMicros()).isLessThanOrEqualTo(thread.maxMicros());
        assertThat(thread.buckets().orElseThrow().total() + thread.buckets().orElseThrow().overflows())
                .isEqualTo(200);
        assertThat(CyclictestFormat.statLine(thread)).matches(CyclictestFormatTest.STAT_LINE)
                .contains("P:80 I:1000 C:    200");
    }

    @Test
    void spinning_finishes_the_wake_ups_on_time_and_says_what_it_cost() throws Exception {
        RealEnvironment.requireRoot("spins at SCHED_FIFO 80");
        CyclicSettings settings = new CyclicSettings(1000, 500, 500, SchedPolicy.FIFO, 80, false, Optional.empty(), 1,
                0, OptionalInt.of(0), Duration.ZERO, new SpinFinish(false, 200), 0);

        CyclicResult result = new CyclicTest(settings, Wakeups.tickers(settings.spin()), Wakeups.tuning())
                .run(quiet());

        ThreadStats thread = result.threads().get(0);
        assertThat(thread.cycles()).isEqualTo(500);
        assertThat(thread.percentileNanos(50)).as("the median activation returns within a few µs of its deadline"
                + " when a 200 µs spin covers the sleep's lateness").isLessThan(10_000);
        assertThat(thread.spinMarginNanos()).isEqualTo(200_000);
        assertThat(thread.spinNanos()).as("at most the margin per activation, unless preempted while spinning")
                .isPositive();
        StringWriter out = new StringWriter();
        Summary.print(result, true, new PrintWriter(out));
        assertThat(out.toString()).containsPattern("# T: 0 spin: margin 200.0 us \\(200 us\\), [0-9.]+ us per"
                + " activation, [0-9.]+ ms in all, [0-9.]+% of a CPU");
    }

    @Test
    void a_deadline_run_measures_from_each_period_start_as_cyclicdeadline_does() throws Exception {
        RealEnvironment.requireRoot("runs at SCHED_DEADLINE");
        CyclicSettings settings = new CyclicSettings(4000, 500, 200, SchedPolicy.DEADLINE, 0, false, Optional.empty(),
                1, 100, OptionalInt.empty(), Duration.ZERO, SpinFinish.NONE, 1000);
        SchedulingSeen observer = new SchedulingSeen(lease -> { });

        CyclicResult result = new CyclicTest(settings, Wakeups.tickers(), Wakeups.tuning()).run(observer);

        assertThat(observer.seen[1]).as("policy of the measuring thread while it ran").isEqualTo(SCHED_DEADLINE);
        ThreadStats thread = result.threads().get(0);
        assertThat(thread.cycles()).isEqualTo(200);
        assertThat(thread.skippedActivations()).as("periods missed: each activation is the period its yield returned"
                + " in, not the one after it").isLessThan(100);
        assertThat(thread.avgMicros()).as("wake-ups on the kernel's period grid: an activation a period off would"
                + " be 4,000 µs late").isLessThan(2_000);
        assertThat(CyclictestFormat.statLine(thread)).contains("I:4000 C:    200");
        assertThat(thread.blocks()).as("the blocks of a deadline thread are counted").isPresent();
        assertThat(thread.blocks().getAsLong()).as("far fewer than one a job: the yield that ends each job is not a"
                + " block, and the thread does not sleep in a job").isLessThan(50);
    }

    private static RunObserver quiet() {
        return new RunObserver() {
            @Override
            public void leaseTaken(CpuLatencyLease lease) {
            }

            @Override
            public void progress(List<ThreadStats> threads) {
            }
        };
    }
}
