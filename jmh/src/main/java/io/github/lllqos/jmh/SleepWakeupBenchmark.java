package io.github.lllqos.jmh;

import io.github.lllqos.realtime.Periodic;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How late a thread wakes up after asking to sleep for {@link #SLEEP_NANOS} (1 ms), per waiting mechanism, under
 * the {@link WakeupConditions} (lease held or not, default or 1 ns timer slack). Each sample is the whole call,
 * so the wake-up overshoot is the sample minus 1000 µs; 1 ms because {@code Thread.sleep} and
 * {@code Object.wait} round every shorter request up to a whole millisecond.
 *
 * <pre>java -jar jmh/target/benchmarks.jar SleepWakeupBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SleepWakeupBenchmark {

    /** The requested sleep: 1 ms. */
    public static final long SLEEP_NANOS = 1_000_000;

    private final Object monitor = new Object();

    /**
     * {@code Thread.sleep(1)}.
     *
     * @param conditions the lease and timer slack in force
     * @throws InterruptedException never, nobody interrupts the benchmark thread
     */
    @Benchmark
    public void threadSleep(WakeupConditions conditions) throws InterruptedException {
        Thread.sleep(SLEEP_NANOS / 1_000_000);
    }

    /**
     * {@code LockSupport.parkNanos(1 ms)}; a spurious early return shows up as a short sample.
     *
     * @param conditions the lease and timer slack in force
     */
    @Benchmark
    public void parkNanos(WakeupConditions conditions) {
        LockSupport.parkNanos(SLEEP_NANOS);
    }

    /**
     * {@code Object.wait(1)} on a monitor nobody notifies.
     *
     * @param conditions the lease and timer slack in force
     * @throws InterruptedException never, nobody interrupts the benchmark thread
     */
    @Benchmark
    public void objectWait(WakeupConditions conditions) throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(SLEEP_NANOS / 1_000_000);
        }
    }

    /**
     * Our absolute sleep, {@code Periodic.sleepUntil(now + 1 ms)}: {@code clock_nanosleep(CLOCK_MONOTONIC,
     * TIMER_ABSTIME)} on Linux.
     *
     * @param conditions the lease and timer slack in force
     */
    @Benchmark
    public void clockNanosleepAbsolute(WakeupConditions conditions) {
        Periodic.sleepUntil(System.nanoTime() + SLEEP_NANOS);
    }

    /**
     * Spinning on {@code System.nanoTime()} until 1 ms has passed: no sleep at all, the floor of the others.
     *
     * @param conditions the lease and timer slack in force
     * @return the time the spin ended, so the loop is not eliminated
     */
    @Benchmark
    public long busySpin(WakeupConditions conditions) {
        long deadline = System.nanoTime() + SLEEP_NANOS;
        long now;
        while ((now = System.nanoTime()) - deadline < 0) {
            Thread.onSpinWait();
        }
        return now;
    }
}
