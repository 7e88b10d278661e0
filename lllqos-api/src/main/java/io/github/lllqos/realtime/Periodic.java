package io.github.lllqos.realtime;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;

import io.github.lllqos.spi.AbsoluteSleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Periodic wake-ups at absolute times, so a late activation never shifts the ones after it. On Linux each
 * wait is one {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)}, which allocates nothing.
 *
 * <pre>{@code
 * try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {
 *     Periodic periodic = Periodic.every(Duration.ofMillis(500)).withAlignment(Duration.ofSeconds(1));
 *     while (running) {
 *         long deadline = periodic.awaitNext();
 *         long lateness = System.nanoTime() - deadline;
 *         control();
 *     }
 * }
 * }</pre>
 *
 * <p>The first activation is one period after the first {@link #awaitNext()}, rounded up to a multiple of the
 * alignment (none by default), plus the offset; the others follow at exact multiples of the period. An
 * instance keeps the schedule of one thread and is not thread-safe; the {@code with...} methods return a new,
 * unstarted one. Off Linux, or without real-time support, it falls back to {@link
 * java.util.concurrent.locks.LockSupport#parkNanos(long)} and says so in {@link #fallbackReason()}.
 * {@link Thread#interrupt()} does not cut a wait short: check the interrupt status in the loop.
 */
public final class Periodic {

    /** What {@link #awaitNext()} does about activations whose time has passed when it is called. */
    public enum Overrun {
        /** Skip them and wait for the next one that is not in the past, as cyclictest does. */
        SKIP,
        /** Return each of them at once, in order, so every activation runs. */
        CATCH_UP
    }

    private final long periodNanos;
    private final long alignmentNanos;
    private final long offsetNanos;
    private final Overrun overrun;
    private final AbsoluteSleeper sleeper;

    private boolean started;
    private long previous;
    private long skipped;

    Periodic(long periodNanos, long alignmentNanos, long offsetNanos, Overrun overrun, AbsoluteSleeper sleeper) {
        this.periodNanos = periodNanos;
        this.alignmentNanos = alignmentNanos;
        this.offsetNanos = offsetNanos;
        this.overrun = overrun;
        this.sleeper = sleeper;
    }

    /**
     * Activations every {@code period}, unaligned, with no offset, skipping missed ones.
     *
     * @param period the time between activations, positive
     * @return a ready schedule, started by its first {@link #awaitNext()}
     * @throws IllegalArgumentException if the period is not positive or longer than 292 years
     */
    public static Periodic every(Duration period) {
        long nanos = nanos("period", period);
        if (nanos <= 0) {
            throw new IllegalArgumentException("period " + period + " must be positive");
        }
        return new Periodic(nanos, 0, 0, Overrun.SKIP, Sleepers.create());
    }

    /**
     * The same schedule with its first activation rounded up to a multiple of {@code alignment} on the
     * {@link System#nanoTime()} clock (CLOCK_MONOTONIC on Linux), so periodic threads line up.
     *
     * @param alignment positive, or zero for none
     * @return a new, unstarted schedule
     * @throws IllegalArgumentException if the alignment is negative
     */
    public Periodic withAlignment(Duration alignment) {
        long nanos = nanos("alignment", alignment);
        if (nanos < 0) {
            throw new IllegalArgumentException("alignment " + alignment + " must be zero (none) or positive");
        }
        return new Periodic(periodNanos, nanos, offsetNanos, overrun, Sleepers.create());
    }

    /**
     * The same schedule with every activation shifted by {@code offset} after the aligned time.
     *
     * @param offset zero or positive
     * @return a new, unstarted schedule
     * @throws IllegalArgumentException if the offset is negative
     */
    public Periodic withOffset(Duration offset) {
        long nanos = nanos("offset", offset);
        if (nanos < 0) {
            throw new IllegalArgumentException("offset " + offset + " must be zero or positive");
        }
        return new Periodic(periodNanos, alignmentNanos, nanos, overrun, Sleepers.create());
    }

    /**
     * The same schedule with another policy for activations missed while the caller was busy.
     *
     * @param overrun {@link Overrun#SKIP} (the default) or {@link Overrun#CATCH_UP}
     * @return a new, unstarted schedule
     */
    public Periodic withOverrun(Overrun overrun) {
        return new Periodic(periodNanos, alignmentNanos, offsetNanos, Objects.requireNonNull(overrun, "overrun"),
                Sleepers.create());
    }

    /**
     * Sleeps until the next activation and returns its time. Allocates nothing.
     *
     * @return the activation's deadline in {@link System#nanoTime()} units; {@code System.nanoTime() - deadline}
     *     is the wake-up lateness, never negative
     */
    public long awaitNext() {
        long now = System.nanoTime();
        long deadline;
        if (started) {
            deadline = Activations.next(previous, periodNanos, now, overrun);
            skipped += (deadline - previous) / periodNanos - 1;
        } else {
            deadline = Activations.first(now, periodNanos, alignmentNanos, offsetNanos);
            started = true;
        }
        previous = deadline;
        sleeper.sleepUntil(deadline);
        return deadline;
    }

    /**
     * Sleeps the calling thread until an absolute time, resuming after signals; on Linux with
     * {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)}. Allocates nothing after a thread's first call.
     *
     * @param nanoTime the wake-up time in {@link System#nanoTime()} units; a time in the past returns at once
     */
    public static void sleepUntil(long nanoTime) {
        Sleepers.forThisThread().sleepUntil(nanoTime);
    }

    /**
     * Why wake-ups are relative parks instead of absolute clock sleeps, if they are.
     *
     * @return empty where {@code clock_nanosleep} is used
     */
    public static Optional<String> fallbackReason() {
        return Sleepers.fallbackReason();
    }

    /**
     * The time between activations.
     *
     * @return the period
     */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /**
     * The alignment of the first activation.
     *
     * @return the alignment, zero for none
     */
    public Duration alignment() {
        return Duration.ofNanos(alignmentNanos);
    }

    /**
     * The offset after the aligned time.
     *
     * @return the offset
     */
    public Duration offset() {
        return Duration.ofNanos(offsetNanos);
    }

    /**
     * The policy for missed activations.
     *
     * @return {@link Overrun#SKIP} or {@link Overrun#CATCH_UP}
     */
    public Overrun overrun() {
        return overrun;
    }

    /**
     * How many activations were skipped because their time had passed when {@link #awaitNext()} was called.
     *
     * @return the count, always 0 with {@link Overrun#CATCH_UP}
     */
    public long skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "Periodic[every " + period() + ", aligned to " + alignment() + ", offset " + offset() + ", "
                + overrun + "]";
    }

    private static long nanos(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " " + duration + " is too long: at most "
                    + Duration.ofNanos(Long.MAX_VALUE), e);
        }
    }
}
