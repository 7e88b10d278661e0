package io.github.lllqos.cpuidle;

import io.github.lllqos.internal.LeaseRelease;

import java.util.List;

/**
 * What the two sysfs leases share: their values held in the journal, and how they end. {@link #close()} puts back
 * what the remaining holders want, {@link #keep()} leaves the values set, and a lease that becomes unreachable
 * unclosed is closed by the Cleaner, with a warning.
 */
final class SysfsHold {

    private final List<SysfsJournal.Held> values;
    private final LeaseRelease release;

    private SysfsHold(Object lease, String what, SysfsJournal journal, JournalHolder holder,
            List<SysfsJournal.Held> values) {
        this.values = values;
        this.release = values.isEmpty() ? LeaseRelease.register(lease, () -> what, () -> { }, () -> { })
                : LeaseRelease.register(lease, () -> what, () -> journal.release(holder),
                        () -> journal.forget(holder));
    }

    /**
     * The hold of a lease that was not acquired: it holds nothing and has ended from the start.
     *
     * @param lease the lease
     * @param what the lease, for messages
     * @return the hold
     */
    static SysfsHold ended(Object lease, String what) {
        SysfsHold hold = new SysfsHold(lease, what, null, null, List.of());
        hold.keep();
        return hold;
    }

    /**
     * Journals and sets values for a lease that is being made.
     *
     * @param journal the journal of the files
     * @param wanted the values
     * @return what the lease will hold, to pass to {@link #of}
     */
    static Taken take(SysfsJournal journal, List<SysfsJournal.Wanted> wanted) {
        JournalHolder holder = JournalHolder.next();
        return new Taken(journal, holder, wanted.isEmpty() ? List.of() : journal.hold(holder, wanted));
    }

    /**
     * Values held, before the lease owns them.
     *
     * @param journal the journal of the files
     * @param holder the lease's holder
     * @param values the values held
     */
    record Taken(SysfsJournal journal, JournalHolder holder, List<SysfsJournal.Held> values) {

        /**
         * Whether a file is among the values held.
         *
         * @param attribute the file, relative to the CPU attribute directory
         * @return true when held
         */
        boolean holds(String attribute) {
            return values.stream().anyMatch(value -> value.attribute().equals(attribute));
        }

        /**
         * What a file read before the lease.
         *
         * @param attribute the file, relative to the CPU attribute directory
         * @return the value before
         * @throws IllegalArgumentException if the file is not held
         */
        String before(String attribute) {
            return values.stream().filter(value -> value.attribute().equals(attribute)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(attribute + " is not held")).before();
        }

        /**
         * Gives the values to their lease.
         *
         * @param lease the lease, whose unreachability makes the Cleaner put them back
         * @param what the lease, for the leak warning
         * @return the hold
         */
        SysfsHold of(Object lease, String what) {
            return new SysfsHold(lease, what, journal, holder, values);
        }
    }

    boolean closed() {
        return release.ended();
    }

    void close() {
        release.close();
    }

    void keep() {
        release.keep();
    }
}
