package io.github.lllqos.internal;

import io.github.lllqos.LowLatencyException;

import java.lang.ref.Cleaner;

/**
 * Puts changed sysfs values back, once: when the owning lease is closed, or by a {@link Cleaner} (with a warning)
 * when it becomes unreachable unclosed. It must not reference the lease, or the lease would never become
 * unreachable.
 */
public final class Restoration implements Runnable {

    private static final System.Logger LOG = System.getLogger(Restoration.class.getName());

    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "lllqos-sysfs-restorer");
        thread.setDaemon(true);
        return thread;
    });

    private final String what;
    private final Runnable undo;
    private volatile boolean closedByOwner;
    private volatile boolean kept;
    private volatile boolean done;

    private Restoration(String what, Runnable undo) {
        this.what = what;
        this.undo = undo;
    }

    /**
     * Registers the undo action of a lease.
     *
     * @param lease the lease whose unreachability triggers the undo
     * @param what the change, for the leak warning
     * @param undo restores the previous values; throws {@link LowLatencyException} naming what it could not restore
     * @return the lease's handle
     */
    public static Handle register(Object lease, String what, Runnable undo) {
        Restoration restoration = new Restoration(what, undo);
        return new Handle(restoration, CLEANER.register(lease, restoration));
    }

    /** Restores the values once; called by the handle or the Cleaner. */
    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        if (kept) {
            return;
        }
        if (!closedByOwner) {
            LOG.log(System.Logger.Level.WARNING, "A lease (" + what + ") was never closed; the Cleaner restores the"
                    + " previous values. Open leases in try-with-resources.");
        }
        undo.run();
    }

    /** The lease's side: close it, ask whether it is closed. */
    public static final class Handle {

        private final Restoration restoration;
        private final Cleaner.Cleanable cleanable;

        private Handle(Restoration restoration, Cleaner.Cleanable cleanable) {
            this.restoration = restoration;
            this.cleanable = cleanable;
        }

        /** Restores now, unless already done. */
        public void close() {
            restoration.closedByOwner = true;
            cleanable.clean();
        }

        /** Leaves the changed values in place: nothing restores them, neither a close nor the Cleaner. */
        public void keep() {
            restoration.kept = true;
            cleanable.clean();
        }

        /**
         * Whether the values were restored or kept.
         *
         * @return true once closed or kept
         */
        public boolean closed() {
            return restoration.done;
        }
    }
}
