package io.github.lllqos.monitor;

/**
 * One late wake-up and what the monitor thread's counters did meanwhile, all times in {@link System#nanoTime()}
 * units.
 *
 * @param deadline when the thread should have run
 * @param woke when it ran
 * @param runDelayNanos how much longer it waited on a run queue since {@code counterWindowStart}
 * @param involuntarySwitches how many more times it was switched out since {@code counterWindowStart}
 * @param stealNanos how much more steal time its CPU had since {@code counterWindowStart}
 * @param counterWindowStart when the counters were read before
 */
record LateWakeup(long deadline, long woke, long runDelayNanos, long involuntarySwitches, long stealNanos,
                  long counterWindowStart) {

    /** How late it ran, in nanoseconds. */
    long latenessNanos() {
        return woke - deadline;
    }
}
