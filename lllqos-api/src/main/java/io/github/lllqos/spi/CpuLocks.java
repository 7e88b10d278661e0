package io.github.lllqos.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * Per-CPU locks shared by every process (and container) that reserves CPUs on this machine: lock files in a
 * shared directory, or a model of them. A lock is exclusive: while one holder has a CPU, every other
 * {@link #tryLock(int, String)} for that CPU fails, in other processes and in this one alike. The kernel drops the
 * lock when its holder dies, so a CPU is never blocked by a holder that is gone.
 *
 * <p>Each lock carries a holder record, text written by the API and returned as written: lines of
 * {@code key=value} with the keys {@code pid}, {@code start} (the process start as an ISO-8601 instant),
 * {@code host} and {@code thread}.
 */
public interface CpuLocks {

    /**
     * Where the locks are, for messages.
     *
     * @return such as {@code "/run/lllqos/cpus"}
     */
    String location();

    /**
     * Takes the lock of one CPU, if nobody holds it.
     *
     * @param cpu the CPU number, 0 or more
     * @param holderRecord the record to store with the lock
     * @return the held lock, or empty when another holder (here or in another process) has it
     * @throws IOException when the locks cannot be used here (the directory cannot be created or written)
     */
    Optional<CpuLock> tryLock(int cpu, String holderRecord) throws IOException;

    /**
     * Who holds the lock of one CPU now. Reading never makes a {@link #tryLock(int, String)} fail, in this process
     * or another: listing the holders, or saying who holds what, must not take CPUs from those reserving them.
     *
     * @param cpu the CPU number, 0 or more
     * @return the holder's record (blank when the holder has not written it yet), or empty when the CPU is free or
     *     its holder is still taking it
     * @throws IOException when the locks cannot be read here
     */
    Optional<String> holderRecord(int cpu) throws IOException;
}
