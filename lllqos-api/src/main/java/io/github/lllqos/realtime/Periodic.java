package io.github.lllqos.realtime;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;

import io.github.lllqos.spi.AbsoluteSleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

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
 *
 * <p><b>Spin-finish.</b> {@link #withSpin(Duration)} sleeps until the deadline minus a margin and spins with
 * {@link Thread#onSpinWait()} for the rest, so the activation returns within a fraction of a microsecond of its
 * deadline whenever the sleep woke up within the margin. {@link #withAdaptiveSpin()} learns the margin from the
 * sleep lateness it observes: the running 99.9th percentile, recorded before each sleep and never after a
 * wake-up, between {@link #ADAPTIVE_SPIN_MIN} and {@link
 * #ADAPTIVE_SPIN_MAX} and at most half the period. Spinning costs CPU: {@link #spinTime()} and {@link
 * #activations()} tell how much.
 *
 * <pre>{@code
 * Periodic periodic = Periodic.every(Duration.ofMillis(1)).withAdaptiveSpin();
 * ...
 * double cpuShare = periodic.spinTime().toNanos() / (double) (periodic.activations() * 1_000_000);
 * }</pre>
 *
 * <p><b>SCHED_DEADLINE.</b> On a thread that {@link Realtime#setDeadline(Duration, Duration, Duration)} made a
 * deadline thread (or that runs under SCHED_DEADLINE when its first {@link #awaitNext()} is called),
 * {@link #awaitNext()} ends each job with {@code sched_yield()}, as deadline threads must, and the kernel wakes
 * the thread at its next period; it never sleeps or spins in a job, since a deadline thread that blocks can have
 * its period moved by the kernel. The activations follow the kernel's grid as cyclicdeadline measures it: the
 * first is when the first yield returns, each next one a period later, or, when the yield returns before that,
 * the time it returned (the kernel's grid lies earlier). A job that blocked (a lock, I/O, a JVM safepoint or a
 * class being linked on the way) lets the kernel start the period again at the wake-up, later than the grid: so
 * before each yield the thread's voluntary context switches are read ({@code getrusage(RUSAGE_THREAD)}), and after a
 * job that blocked the grid starts again at the yield's return, as at the first activation; {@link #blocks()} counts
 * those jobs. So does a yield that returns a whole period late or more, since the kernel starts a new period when
 * the thread's replenishment lags that far ({@link #skipped()} counts the periods). Alignment, offset and spinning
 * do not apply, and the period should be the deadline thread's period.
 */
public final class Periodic {

    /** What {@link #awaitNext()} does about activations whose time has passed when it is called. */
    public enum Overrun {
        /** Skip them and wait for the next one that is not in the past, as cyclictest does. */
        SKIP,
        /** Return each of them at once, in order, so every activation runs. */
        CATCH_UP
    }

    /** The smallest margin {@link #withAdaptiveSpin()} spins: 1 µs. */
    public static final Duration ADAPTIVE_SPIN_MIN = Duration.ofNanos(1_000);
    /** The largest margin {@link #withAdaptiveSpin()} spins: 500 µs (and never more than half the period). */
    public static final Duration ADAPTIVE_SPIN_MAX = Duration.ofNanos(500_000);
    /** The margin {@link #withAdaptiveSpin()} spins until it has observed {@value #ADAPTIVE_WARM_UP} sleeps. */
    public static final Duration ADAPTIVE_SPIN_INITIAL = Duration.ofNanos(100_000);
    /** The number of sleeps {@link #withAdaptiveSpin()} observes before it trusts its estimate. */
    public static final int ADAPTIVE_WARM_UP = 200;
    /** The share of sleeps the adaptive margin covers: it is the running 99.9th percentile of their lateness. */
    public static final double ADAPTIVE_QUANTILE = 0.999;

    private static final long NO_SPIN = 0;

    private final long periodNanos;
    private final long alignmentNanos;
    private final long offsetNanos;
    private final Overrun overrun;
    private final long spinMarginNanos;
    private final boolean adaptiveSpin;
    private final AbsoluteSleeper sleeper;
    private final Runnable yielder;
    private final BooleanSupplier onDeadlineThread;
    private final LongSupplier voluntarySwitches;
    private final AdaptiveSpinMargin adaptiveMargin;

    private boolean started;
    private boolean deadlineThread;
    private long previous;
    private long skipped;
    private long activations;
    private long spinNanos;
    private long sleptUntil;
    private long wokeAt;
    private long switches;
    private long blocks;

    Periodic(long periodNanos, long alignmentNanos, long offsetNanos, Overrun overrun, AbsoluteSleeper sleeper) {
        this(periodNanos, alignmentNanos, offsetNanos, overrun, NO_SPIN, false, sleeper, () -> { }, () -> false,
                () -> -1);
    }

    Periodic(long periodNanos, long alignmentNanos, long offsetNanos, Overrun overrun, long spinMarginNanos,
            boolean adaptiveSpin, AbsoluteSleeper sleeper, Runnable yielder, BooleanSupplier onDeadlineThread,
            LongSupplier voluntarySwitches) {
        this.periodNanos = periodNanos;
        this.alignmentNanos = alignmentNanos;
        this.offsetNanos = offsetNanos;
        this.overrun = overrun;
        this.spinMarginNanos = spinMarginNanos;
        this.adaptiveSpin = adaptiveSpin;
        this.sleeper = sleeper;
        this.yielder = yielder;
        this.onDeadlineThread = onDeadlineThread;
        this.voluntarySwitches = voluntarySwitches;
        this.adaptiveMargin = adaptiveSpin ? new AdaptiveSpinMargin(periodNanos) : null;
    }

    private Periodic with(long alignment, long offset, Overrun overrun, long spinMargin, boolean adaptive) {
        return new Periodic(periodNanos, alignment, offset, overrun, spinMargin, adaptive, Sleepers.create(),
                Sleepers.yielder(), Sleepers::onDeadlineThread, Sleepers.switchCounter());
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
        return new Periodic(nanos, 0, 0, Overrun.SKIP, NO_SPIN, false, Sleepers.create(), Sleepers.yielder(),
                Sleepers::onDeadlineThread, Sleepers.switchCounter());
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
        return with(nanos, offsetNanos, overrun, spinMarginNanos, adaptiveSpin);
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
        return with(alignmentNanos, nanos, overrun, spinMarginNanos, adaptiveSpin);
    }

    /**
     * The same schedule with another policy for activations missed while the caller was busy.
     *
     * @param overrun {@link Overrun#SKIP} (the default) or {@link Overrun#CATCH_UP}
     * @return a new, unstarted schedule
     */
    public Periodic withOverrun(Overrun overrun) {
        return with(alignmentNanos, offsetNanos, Objects.requireNonNull(overrun, "overrun"), spinMarginNanos,
                adaptiveSpin);
    }

    /**
     * The same schedule finishing each wait by spinning: it sleeps until the deadline minus {@code margin}, then
     * spins with {@link Thread#onSpinWait()} until the deadline. A sleep that wakes up within the margin makes the
     * activation exact to a fraction of a microsecond; the price is up to {@code margin} of CPU per activation.
     *
     * @param margin zero (no spinning) up to the period (spinning all the time)
     * @return a new, unstarted schedule
     * @throws IllegalArgumentException if the margin is negative or longer than the period
     */
    public Periodic withSpin(Duration margin) {
        long nanos = nanos("spin margin", margin);
        if (nanos < 0 || nanos > periodNanos) {
            throw new IllegalArgumentException("spin margin " + margin + " must be zero (no spinning) up to the"
                    + " period " + period());
        }
        return with(alignmentNanos, offsetNanos, overrun, nanos, false);
    }

    /**
     * The same schedule finishing each wait by spinning, with a margin learned from the lateness of its own
     * sleeps: {@link #ADAPTIVE_SPIN_INITIAL} for the first {@value #ADAPTIVE_WARM_UP} activations, then the
     * running {@value #ADAPTIVE_QUANTILE} quantile of the sleep lateness (a fixed histogram that forgets old
     * samples, so no allocation), at least {@link #ADAPTIVE_SPIN_MIN} and at most {@link #ADAPTIVE_SPIN_MAX} or half
     * the period. About one activation in a thousand then wakes after its deadline and is as late as without
     * spinning, less the margin.
     *
     * @return a new, unstarted schedule
     */
    public Periodic withAdaptiveSpin() {
        return with(alignmentNanos, offsetNanos, overrun, NO_SPIN, true);
    }

    /**
     * Sleeps until the next activation and returns its time: on a deadline thread after {@code sched_yield()},
     * with spin-finish by spinning the last stretch. Allocates nothing.
     *
     * @return the activation's deadline in {@link System#nanoTime()} units; {@code System.nanoTime() - deadline}
     *     is the wake-up lateness, never negative
     */
    public long awaitNext() {
        if (adaptiveSpin && sleptUntil != 0) {
            adaptiveMargin.record(wokeAt - sleptUntil);
            sleptUntil = 0;
        }
        if (!started) {
            deadlineThread = onDeadlineThread.getAsBoolean();
        }
        if (deadlineThread) {
            return nextJob();
        }
        long now = System.nanoTime();
        long deadline;
        if (started) {
            deadline = Activations.next(previous, periodNanos, now, overrun);
            skipped += Math.max(0, (deadline - previous) / periodNanos - 1);
        } else {
            deadline = Activations.first(now, periodNanos, alignmentNanos, offsetNanos);
            started = true;
        }
        previous = deadline;
        activations++;
        long margin = adaptiveSpin ? adaptiveMargin.nanos() : spinMarginNanos;
        if (margin == 0) {
            sleeper.sleepUntil(deadline);
            return deadline;
        }
        long sleepUntil = deadline - margin;
        boolean sleeps = sleepUntil - now > 0;
        sleeper.sleepUntil(sleepUntil);
        long woke = System.nanoTime();
        long spun = woke;
        while (spun - deadline < 0) {
            Thread.onSpinWait();
            spun = System.nanoTime();
        }
        spinNanos += spun - woke;
        sleptUntil = sleeps ? sleepUntil : 0;
        wokeAt = woke;
        return deadline;
    }

    /**
     * A deadline thread's {@link #awaitNext()}: ends the job with a yield and returns the activation it returned in.
     * The grid starts again at the yield's return after a job that blocked, and after a yield that returned a whole
     * period late or more: in both cases the kernel may have started the thread's period anew (the CBS wake-up rule,
     * and a replenishment that lagged more than a period), and if it did not, the next yield returns before the new
     * grid's next activation and moves it back.
     */
    private long nextJob() {
        long before = switches;
        switches = voluntarySwitches.getAsLong();
        boolean blocked = started && before >= 0 && switches > before;
        yielder.run();
        long now = System.nanoTime();
        activations++;
        if (!started) {
            started = true;
            previous = now;
            return now;
        }
        long deadline = blocked ? now : Activations.onDeadlineGrid(previous, periodNanos, now);
        long missed = Math.max(0, (now - previous) / periodNanos - 1);
        skipped += missed;
        if (blocked) {
            blocks++;
        }
        previous = blocked || missed > 0 ? now : deadline;
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
     * How many activations {@link #awaitNext()} has returned.
     *
     * @return the count since the first call
     */
    public long activations() {
        return activations;
    }

    /**
     * The CPU time spent spinning, over all activations so far: the cost of {@link #withSpin(Duration)} and {@link
     * #withAdaptiveSpin()}. Divided by {@link #activations()} it is the spin time per activation; divided by the
     * time the schedule has run, the share of a CPU it takes.
     *
     * @return the total, zero without spinning
     */
    public Duration spinTime() {
        return Duration.ofNanos(spinNanos);
    }

    /**
     * The margin the next activation spins: the one given to {@link #withSpin(Duration)}, or the one {@link
     * #withAdaptiveSpin()} has learned so far.
     *
     * @return the margin, zero without spinning
     */
    public Duration spinMargin() {
        return Duration.ofNanos(adaptiveSpin ? adaptiveMargin.nanos() : spinMarginNanos);
    }

    /**
     * Whether activations finish with a spin whose margin is learned.
     *
     * @return true after {@link #withAdaptiveSpin()}
     */
    public boolean adaptiveSpin() {
        return adaptiveSpin;
    }

    /**
     * How many activations were skipped because their time had passed when {@link #awaitNext()} was called.
     *
     * @return the count, always 0 with {@link Overrun#CATCH_UP}
     */
    public long skipped() {
        return skipped;
    }

    /**
     * On a deadline thread, how many of its jobs blocked, each time starting the grid again at the next yield's
     * return (the kernel may have moved the period; see the class description). The activation after a block is
     * counted as on time, so a run with many blocks understates its lateness by their wake-up delays: few blocks is
     * what a deadline thread needs, and this tells whether it had them.
     *
     * @return the count; empty off a deadline thread, before the first {@link #awaitNext()}, or where the provider
     *     cannot count the thread's context switches
     */
    public OptionalLong blocks() {
        return deadlineThread && started && switches >= 0 ? OptionalLong.of(blocks) : OptionalLong.empty();
    }

    @Override
    public String toString() {
        String spin = adaptiveSpin ? ", adaptive spin" : spinMarginNanos > 0 ? ", spin " + spinMargin() : "";
        return "Periodic[every " + period() + ", aligned to " + alignment() + ", offset " + offset() + ", "
                + overrun + spin + "]";
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
