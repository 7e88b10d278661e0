package io.github.lllqos.jmh;

import io.github.lllqos.realtime.Periodic;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The periodic loop's hot path: one {@link Periodic#awaitNext()} per operation (sleeping, or finishing by a spin
 * of half the period or of a learned margin), beside a {@code parkNanos} of the same length that allocates nothing. Run with {@code -prof gc}: {@code awaitNext} must allocate no more than
 * the baseline, which is JMH's own per-iteration bookkeeping spread over few, long operations.
 *
 * <pre>java -jar jmh/target/benchmarks.jar PeriodicBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PeriodicBenchmark {

    /** The period of the loop in microseconds. */
    @Param({"1", "100"})
    public long periodMicros;

    /** How each wait ends: {@code sleep} only, {@code spin} the last half period, or {@code adaptive} spin. */
    @Param({"sleep", "spin", "adaptive"})
    public String finish;

    private Periodic periodic;

    /** A schedule that the first {@code awaitNext} starts. */
    @Setup
    public void startSchedule() {
        Periodic plain = Periodic.every(Duration.ofNanos(periodMicros * 1000));
        periodic = switch (finish) {
            case "spin" -> plain.withSpin(Duration.ofNanos(periodMicros * 500));
            case "adaptive" -> plain.withAdaptiveSpin();
            default -> plain;
        };
    }

    /**
     * One activation of the periodic loop.
     *
     * @return the activation's deadline
     */
    @Benchmark
    public long awaitNext() {
        return periodic.awaitNext();
    }

    /**
     * The same wait through {@link LockSupport#parkNanos(long)}, which allocates nothing: what JMH's own
     * per-iteration bookkeeping adds to {@code gc.alloc.rate.norm} for operations this long.
     *
     * @return the time after the park
     */
    @Benchmark
    public long parkNanosBaseline() {
        LockSupport.parkNanos(periodMicros * 1000);
        return System.nanoTime();
    }
}
