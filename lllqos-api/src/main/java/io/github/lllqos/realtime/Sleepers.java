package io.github.lllqos.realtime;

import io.github.lllqos.spi.AbsoluteSleeper;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Makes the absolute sleepers of {@link Periodic}: the provider's, or the parking fallback, which it logs once. */
final class Sleepers {

    private static final System.Logger LOG = System.getLogger(Periodic.class.getName());
    private static final ThreadLocal<AbsoluteSleeper> PER_THREAD = ThreadLocal.withInitial(Sleepers::create);

    private Sleepers() {
    }

    /** Decided on first use. */
    private static final class Selected {
        static final RealtimeBackend BACKEND = SelectedBackend.get();
        static final String FALLBACK_REASON = fallbackReason(BACKEND);

        private static String fallbackReason(RealtimeBackend backend) {
            Optional<String> unsupported = backend.unsupportedReason();
            if (unsupported.isEmpty()) {
                return null;
            }
            String reason = "periodic wake-ups fall back to LockSupport.parkNanos, a relative sleep that timer"
                    + " slack delays: " + unsupported.get();
            LOG.log(System.Logger.Level.INFO, reason);
            return reason;
        }
    }

    static AbsoluteSleeper create() {
        return Selected.FALLBACK_REASON == null ? Selected.BACKEND.newSleeper() : new ParkingSleeper();
    }

    /** The end of a deadline thread's job: the provider's {@code sched_yield()}, or {@link Thread#yield()}. */
    static Runnable yielder() {
        if (Selected.FALLBACK_REASON != null) {
            return Thread::yield;
        }
        RealtimeBackend backend = Selected.BACKEND;
        return backend::yieldCpu;
    }

    /** The calling thread's voluntary context switches, from the provider; -1 where it cannot tell. */
    static LongSupplier switchCounter() {
        if (Selected.FALLBACK_REASON != null) {
            return () -> -1;
        }
        RealtimeBackend backend = Selected.BACKEND;
        return backend::voluntarySwitches;
    }

    /** Whether the calling thread runs under SCHED_DEADLINE, however it got there; false where that is unknown. */
    static boolean onDeadlineThread() {
        if (DeadlineThreads.isCurrent()) {
            return true;
        }
        if (Selected.FALLBACK_REASON != null) {
            return false;
        }
        try {
            return Selected.BACKEND.policy(0) == SchedPolicy.DEADLINE;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Optional<String> fallbackReason() {
        return Optional.ofNullable(Selected.FALLBACK_REASON);
    }

    static AbsoluteSleeper forThisThread() {
        return PER_THREAD.get();
    }
}
