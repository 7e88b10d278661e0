package io.github.lllqos.jmh;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.realtime.Realtime;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a benchmark thread wakes up under: with or without a held CPU latency lease (target 0 µs), and with the
 * thread's default timer slack or 1 ns. Thread-scoped so that the timer slack is set on the thread that sleeps.
 */
@State(Scope.Thread)
public class WakeupConditions {

    /** Whether a lease at 0 µs is held for the whole trial; {@code true} fails the run if it cannot be held. */
    @Param({"false", "true"})
    public boolean lease;

    /** The benchmark thread's timer slack: {@code default} leaves it alone, a number sets it in ns. */
    @Param({"default", "1"})
    public String timerSlack;

    private CpuLatencyLease held;
    private long slackBefore;

    /** Takes the lease and sets the timer slack, for the whole trial. */
    @Setup(Level.Trial)
    public void apply() {
        if (lease) {
            held = LowLatency.lowWakeupLatency().requireAcquired();
        }
        slackBefore = Realtime.timerSlackNanos().orElseThrow(
                () -> new IllegalStateException("timer slack cannot be read: " + Realtime.unsupportedReason().orElse("unknown")));
        if (!"default".equals(timerSlack)) {
            Realtime.setTimerSlackNanos(Long.parseLong(timerSlack)).requireApplied();
        }
    }

    /** Puts the timer slack back and releases the lease. */
    @TearDown(Level.Trial)
    public void restore() {
        Realtime.setTimerSlackNanos(slackBefore).requireApplied();
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
