package io.github.lllqos.internal;

import java.lang.ref.Cleaner;
import java.util.function.Supplier;

/**
 * How every lease of lllqos ends, once: its owner closes it (the release runs), keeps it (the keep action runs
 * instead, and what the lease set stays), or the one {@link Cleaner} releases it, with a warning, when the lease
 * becomes unreachable unclosed. The actions must not reference the lease, or it would never become unreachable.
 *
 * <pre>{@code
 * this.release = LeaseRelease.register(this, () -> "resume latency 20 µs on CPUs [1]", journal::release,
 *         journal::forget);
 * ...
 * public void close() {
 *     release.close();
 *     Reference.reachabilityFence(this);
 * }
 * }</pre>
 */
public final class LeaseRelease {

    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "lllqos-lease-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private final State state;
    private final Cleaner.Cleanable cleanable;

    private LeaseRelease(State state, Cleaner.Cleanable cleanable) {
        this.state = state;
        this.cleanable = cleanable;
    }

    /**
     * Registers the release of a lease that cannot be kept.
     *
     * @param lease the lease whose unreachability triggers the release
     * @param what the lease, for the leak warning, such as {@code "CPU latency request of 50 µs"}; made only for
     *     a message, never on the way of a lease that is closed
     * @param release undoes what the lease holds; may throw, naming what it could not undo
     * @return the lease's handle
     */
    public static LeaseRelease register(Object lease, Supplier<String> what, Runnable release) {
        return register(lease, what, release, () -> {
            throw new UnsupportedOperationException(what.get() + " cannot be kept");
        });
    }

    /**
     * Registers the release of a lease, and what keeping it instead does.
     *
     * @param lease the lease whose unreachability triggers the release
     * @param what the lease, for the leak warning
     * @param release undoes what the lease holds; may throw, naming what it could not undo
     * @param keep ends the lease without undoing, such as forgetting it in a journal
     * @return the lease's handle
     */
    public static LeaseRelease register(Object lease, Supplier<String> what, Runnable release, Runnable keep) {
        State state = new State(lease.getClass(), what, release, keep);
        return new LeaseRelease(state, CLEANER.register(lease, state));
    }

    /** Releases now, on the calling thread, unless the lease has already ended; failures reach the caller. */
    public void close() {
        state.closedByOwner = true;
        cleanable.clean();
    }

    /** Ends the lease without releasing: nothing undoes what it set, neither a close nor the Cleaner. */
    public void keep() {
        synchronized (state) {
            if (!state.ended) {
                state.kept = true;
            }
        }
        cleanable.clean();
    }

    /**
     * Whether the lease has ended: released, kept or cleaned.
     *
     * @return true once ended
     */
    public boolean ended() {
        return state.ended;
    }

    /**
     * Runs a change of what the lease holds, excluding its release meanwhile.
     *
     * @param change the change
     * @param whenEnded the message of the {@link IllegalStateException} thrown instead when the lease has ended
     * @throws IllegalStateException if the lease has ended; the change does not run then
     */
    public void whileHeld(Runnable change, Supplier<String> whenEnded) {
        synchronized (state) {
            if (state.ended) {
                throw new IllegalStateException(whenEnded.get());
            }
            change.run();
        }
    }

    /** The clean-up action the Cleaner holds. */
    private static final class State implements Runnable {

        private final Class<?> leaseClass;
        private final Supplier<String> what;
        private final Runnable release;
        private final Runnable keep;
        volatile boolean closedByOwner;
        volatile boolean kept;
        volatile boolean ended;

        State(Class<?> leaseClass, Supplier<String> what, Runnable release, Runnable keep) {
            this.leaseClass = leaseClass;
            this.what = what;
            this.release = release;
            this.keep = keep;
        }

        @Override
        public synchronized void run() {
            if (ended) {
                return;
            }
            ended = true;
            if (kept) {
                keep.run();
                return;
            }
            if (closedByOwner) {
                release.run();
                return;
            }
            // The logger and the description are made here, off the way of every lease that is closed.
            System.Logger log = System.getLogger(leaseClass.getName());
            String lease = what.get();
            log.log(System.Logger.Level.WARNING, "A lease (" + lease + ") was never closed; the Cleaner released"
                    + " it. Open leases in try-with-resources.");
            try {
                release.run();
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "The Cleaner could not release " + lease + ": "
                        + e.getMessage());
            }
        }
    }
}
