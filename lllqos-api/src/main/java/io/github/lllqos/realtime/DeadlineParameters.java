package io.github.lllqos.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The parameters of a {@link SchedPolicy#DEADLINE} thread: it may run for {@code runtime} in every {@code period},
 * and must have had that runtime within {@code deadline} of each period's start. Checked as the kernel checks
 * them, so an invalid value is refused before any call: 1024 ns &le; runtime &le; deadline &le; period &lt; 2^63 ns.
 *
 * <pre>{@code
 * // 200 µs of CPU in every 1 ms, finished within the period
 * Realtime.setDeadline(Duration.ofNanos(200_000), Duration.ofMillis(1), Duration.ofMillis(1));
 * }</pre>
 *
 * @param runtime the CPU time per period, at least 1024 ns
 * @param deadline the time from a period's start by which the runtime is given, at least {@code runtime}
 * @param period the time between period starts, at least {@code deadline}
 */
public record DeadlineParameters(Duration runtime, Duration deadline, Duration period) {

    /** The kernel's smallest runtime: 2^10 ns ({@code DL_SCALE}). */
    public static final long MIN_RUNTIME_NANOS = 1024;

    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    public DeadlineParameters {
        long runtimeNanos = nanos("runtime", runtime);
        long deadlineNanos = nanos("deadline", deadline);
        long periodNanos = nanos("period", period);
        String rule = " (SCHED_DEADLINE needs 1024 ns <= runtime <= deadline <= period < 2^63 ns)";
        if (runtimeNanos < MIN_RUNTIME_NANOS) {
            throw new IllegalArgumentException("runtime " + runtimeNanos + " ns is below 1024 ns" + rule);
        }
        if (deadlineNanos < runtimeNanos) {
            throw new IllegalArgumentException("deadline " + deadlineNanos + " ns is shorter than the runtime "
                    + runtimeNanos + " ns" + rule);
        }
        if (periodNanos < deadlineNanos) {
            throw new IllegalArgumentException("period " + periodNanos + " ns is shorter than the deadline "
                    + deadlineNanos + " ns" + rule);
        }
    }

    /**
     * Parameters in nanoseconds.
     *
     * @param runtimeNanos the CPU time per period
     * @param deadlineNanos the relative deadline
     * @param periodNanos the period
     * @return the checked parameters
     * @throws IllegalArgumentException when they break the rule
     */
    public static DeadlineParameters ofNanos(long runtimeNanos, long deadlineNanos, long periodNanos) {
        return new DeadlineParameters(Duration.ofNanos(runtimeNanos), Duration.ofNanos(deadlineNanos),
                Duration.ofNanos(periodNanos));
    }

    /**
     * The runtime in nanoseconds.
     *
     * @return {@code runtime().toNanos()}
     */
    public long runtimeNanos() {
        return runtime.toNanos();
    }

    /**
     * The deadline in nanoseconds.
     *
     * @return {@code deadline().toNanos()}
     */
    public long deadlineNanos() {
        return deadline.toNanos();
    }

    /**
     * The period in nanoseconds.
     *
     * @return {@code period().toNanos()}
     */
    public long periodNanos() {
        return period.toNanos();
    }

    /**
     * The share of one CPU this thread reserves, as admission control counts it.
     *
     * @return runtime / period, in (0, 1]
     */
    public double bandwidth() {
        return (double) runtimeNanos() / periodNanos();
    }

    @Override
    public String toString() {
        return "SCHED_DEADLINE[runtime " + runtimeNanos() + " ns, deadline " + deadlineNanos() + " ns, period "
                + periodNanos() + " ns]";
    }

    private static long nanos(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " " + value + " is negative"
                    + " (SCHED_DEADLINE needs 1024 ns <= runtime <= deadline <= period < 2^63 ns)");
        }
        try {
            return value.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " " + value + " is not below 2^63 ns"
                    + " (SCHED_DEADLINE needs 1024 ns <= runtime <= deadline <= period < 2^63 ns)", e);
        }
    }
}
