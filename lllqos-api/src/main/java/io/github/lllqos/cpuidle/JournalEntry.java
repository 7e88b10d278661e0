package io.github.lllqos.cpuidle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sysfs file that lllqos leases changed: its value before the first of them, and the value each holder wants,
 * oldest first; the newest holder's value is the one in force. A lease that ended with {@code keep()} beneath newer
 * ones leaves a {@linkplain Hold#kept(String) kept} hold: a value with no holder, which no one puts back and which
 * the file gets once the holders above it end. A kept hold beneath every holder is the entry's original.
 *
 * @param path the file's full name, such as {@code /sys/devices/system/cpu/cpu1/power/pm_qos_resume_latency_us}
 * @param attribute its name relative to the CPU attribute directory, as {@link io.github.lllqos.spi.CpuSysfs} takes it
 * @param original the value before lllqos changed it
 * @param holds the holders and their values, oldest first; never empty in a journal
 */
record JournalEntry(String path, String attribute, String original, List<Hold> holds) {

    /**
     * A holder and the value it set.
     *
     * @param holder the holder; {@link JournalHolder#NOBODY} for a value kept
     * @param value the value
     */
    record Hold(JournalHolder holder, String value) {

        /**
         * A value a lease kept, which has no holder any more and stays until the holders above it end.
         *
         * @param value the value
         * @return the hold
         */
        static Hold kept(String value) {
            return new Hold(JournalHolder.NOBODY, value);
        }

        /**
         * Whether this is a value kept, with no holder.
         *
         * @return true for {@link #kept(String)}
         */
        boolean kept() {
            return holder.equals(JournalHolder.NOBODY);
        }
    }

    JournalEntry {
        holds = List.copyOf(holds);
    }

    /**
     * The value that should be in force: the newest holder's.
     *
     * @return the newest holder's value
     */
    String valueInForce() {
        return holds.get(holds.size() - 1).value();
    }

    /**
     * What the file should read once these holders are gone: the newest remaining holder's value, else the original.
     *
     * @param remaining the holders that stay
     * @return the value to put back
     */
    static String wantedBy(List<Hold> remaining, String original) {
        return remaining.isEmpty() ? original : remaining.get(remaining.size() - 1).value();
    }

    JournalEntry with(Hold hold) {
        List<Hold> more = new ArrayList<>(holds);
        more.add(hold);
        return new JournalEntry(path, attribute, original, more);
    }

    /**
     * This entry with other holders. Kept holds beneath every holder become its original: the newest of them is
     * what the file gets once the holders end.
     *
     * @param remaining the holders that stay, oldest first
     * @return empty when no holder stays: the file is no longer lllqos's
     */
    Optional<JournalEntry> withOnly(List<Hold> remaining) {
        String before = original;
        int oldestHolder = 0;
        while (oldestHolder < remaining.size() && remaining.get(oldestHolder).kept()) {
            before = remaining.get(oldestHolder).value();
            oldestHolder++;
        }
        List<Hold> held = remaining.subList(oldestHolder, remaining.size());
        return held.isEmpty() ? Optional.empty() : Optional.of(new JournalEntry(path, attribute, before, held));
    }
}
