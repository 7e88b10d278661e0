package io.github.lllqos.jmh;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Thread hand-off: the time from {@code LockSupport.unpark} of a parked thread until that thread runs, seen by
 * the unparking thread when the woken one raises a flag (one cache-line transfer is included). This is what a
 * Java thread waiting on a queue, a future or a lock pays. Before each sample the waiter has been parked for at
 * least {@link #SETTLE_NANOS}, so it is asleep in the kernel, not about to park.
 *
 * <pre>java -jar jmh/target/benchmarks.jar HandoffBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandoffBenchmark {

    /** How long the waiter is left parked before it is woken: 200 µs. */
    public static final long SETTLE_NANOS = 200_000;

    /** Whether a lease at 0 µs is held for the whole trial; {@code true} fails the run if it cannot be held. */
    @Param({"false", "true"})
    public boolean lease;

    private CpuLatencyLease held;
    private Thread waiter;
    private volatile boolean running = true;
    /** Raised by the benchmark thread before the unpark; lowered by the waiter as soon as it runs again. */
    private volatile boolean armed;

    /** Takes the lease if asked and starts the waiting thread. */
    @Setup(Level.Trial)
    public void start() {
        if (lease) {
            held = LowLatency.lowWakeupLatency().requireAcquired();
        }
        waiter = new Thread(this::waitLoop, "handoff-waiter");
        waiter.setDaemon(true);
        waiter.start();
    }

    /** Stops the waiting thread and releases the lease. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(waiter);
        waiter.join();
        if (held != null) {
            held.close();
            held = null;
        }
    }

    /** Untimed: arms the waiter and lets it settle into a real sleep. */
    @Setup(Level.Invocation)
    public void armAndSettle() {
        armed = true;
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        LockSupport.parkNanos(SETTLE_NANOS);
    }

    /**
     * Wakes the waiter and spins until it has run.
     *
     * @return the last flag seen, so the spin is not eliminated
     */
    @Benchmark
    public boolean unparkToRunning() {
        LockSupport.unpark(waiter);
        boolean stillArmed;
        while ((stillArmed = armed)) {
            Thread.onSpinWait();
        }
        return stillArmed;
    }

    private void waitLoop() {
        while (running) {
            while (running && !armed) {
                Thread.onSpinWait();
            }
            LockSupport.park(this);
            armed = false;
        }
    }
}
