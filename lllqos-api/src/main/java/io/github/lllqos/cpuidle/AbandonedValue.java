package io.github.lllqos.cpuidle;

import java.util.List;

/**
 * A sysfs value that lllqos leases set and whose holders have ended without putting it back (a crash, {@code kill
 * -9}, an OOM kill), and what restoring it does: put back what the remaining holders want (or the value before the
 * first lease), or leave the file alone when someone else has changed it since. Returned by
 * {@link CpuIdle#restoreAbandoned()} and {@link CpuIdle#abandonedValues()}.
 *
 * <pre>{@code
 * for (AbandonedValue value : CpuIdle.current().restoreAbandoned()) {
 *     System.out.println((value.putBack() ? "put back " : "left alone ") + value);
 *     // put back /sys/devices/system/cpu/cpu1/cpuidle/state1/disable: 1 -> 0 (PID 4242 ended)
 * }
 * }</pre>
 *
 * @param file the file's full name
 * @param found what it read
 * @param setByHolder what the newest of the ended holders set
 * @param restoredValue what is (or would be) put back: the remaining holders' value, else the value before
 * @param endedHolders the PIDs of the ended holders of the file
 */
public record AbandonedValue(String file, String found, String setByHolder, String restoredValue,
        List<Long> endedHolders) {

    /**
     * Copies the list of holders.
     *
     * @param file the file's full name
     * @param found what it read
     * @param setByHolder what the newest of the ended holders set
     * @param restoredValue what is (or would be) put back
     * @param endedHolders the PIDs of the ended holders
     */
    public AbandonedValue {
        endedHolders = List.copyOf(endedHolders);
    }

    /**
     * Whether the file still reads what the ended holder set, so that the restored value is (or would be) written.
     *
     * @return true when put back, false when left alone
     */
    public boolean putBack() {
        return found.equals(setByHolder);
    }

    /**
     * Whether someone else changed the file after lllqos set it: then it is left alone.
     *
     * @return the opposite of {@link #putBack()}
     */
    public boolean changedByOthers() {
        return !putBack();
    }

    /**
     * One line for people, without the verb: {@code "put back "} or {@code "left alone "} goes before it.
     *
     * @return such as {@code "/sys/.../cpu1/cpuidle/state1/disable: 1 -> 0 (PID 4242 ended)"}, or for a file left
     *     alone {@code "/sys/...: it reads 50, not the 20 PID 4242 set; someone else changed it since"}
     */
    @Override
    public String toString() {
        String holders = "PID" + (endedHolders.size() == 1 ? " " : "s ")
                + endedHolders.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        return putBack() ? file + ": " + found + " -> " + restoredValue + " (" + holders + " ended)"
                : file + ": it reads " + found + ", not the " + setByHolder + " " + holders
                        + " set; someone else changed it since";
    }
}
