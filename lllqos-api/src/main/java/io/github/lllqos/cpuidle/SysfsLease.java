package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;

import java.lang.ref.Reference;
import java.util.Optional;

/**
 * A change to sysfs values held for the life of a try-with-resources block: the part both sysfs leases share, how
 * they report a refusal and how they end.
 *
 * <p>A refused change is not an error: the lease is not {@link #acquired()}, changed nothing, and says why in
 * {@link #refusal()}. The values live in sysfs, not in this process, so they survive a crash of it; the journal of
 * sysfs changes lets the next lease, or {@link CpuIdle#restoreAbandoned()}, put them back then.
 */
public abstract sealed class SysfsLease implements AutoCloseable permits IdleStateLease, ResumeLatencyLease {

    private final Refusal refusal;

    SysfsLease(Refusal refusal) {
        this.refusal = refusal;
    }

    /** How the lease's values are held and ended; set once by the subclass's constructor. */
    abstract SysfsHold hold();

    /** Throws the refusal, if any, as a {@link LowLatencyException} whose message starts with {@code notMade}. */
    final void requireAcquired(String notMade) {
        if (refusal != null) {
            throw new LowLatencyException(notMade, refusal);
        }
    }

    /**
     * Whether the change is in force: it was made when the lease was, and the lease is not yet ended.
     *
     * @return false where the change was refused (see {@link #refusal()}), and after {@link #close()} or
     *     {@link #keep()}
     */
    public final boolean acquired() {
        return refusal == null && !closed();
    }

    /**
     * Why the change was not made, and what would let it be.
     *
     * @return the refusal, such as {@link Refusal.Kind#PERMISSION} with EACCES; empty when it was made
     */
    public final Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * Whether the lease has ended, by {@link #close()} (values restored) or {@link #keep()} (values left).
     *
     * @return true once closed or kept
     */
    public final boolean closed() {
        return hold().closed();
    }

    /**
     * Puts back what the remaining holders want: each file's value before this lease, or the value of a lease made
     * after it and still open, in any process. A value someone else changed meanwhile is left alone, with a
     * warning. Idempotent and thread-safe; a lease that becomes unreachable unclosed is closed by a
     * {@link java.lang.ref.Cleaner} and logged as a leak.
     *
     * @throws LowLatencyException when a value cannot be written back, naming its file and how to
     *     restore it by hand; every file is tried
     */
    @Override
    public final void close() {
        hold().close();
        Reference.reachabilityFence(this);
    }

    /**
     * Ends the lease without restoring: the values set stay, as a shell's {@code echo >} would leave them, and no
     * close or Cleaner puts the previous ones back. For callers that set values deliberately for longer than this JVM.
     */
    public final void keep() {
        hold().keep();
        Reference.reachabilityFence(this);
    }
}
