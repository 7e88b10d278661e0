package io.github.lllqos.monitor;

import java.util.List;

/**
 * The rule that gives a late wake-up its one cause. Each candidate explains part of the lateness: a JVM pause the
 * time it overlapped {@code [deadline, woke]}; preemption the thread's extra run-queue wait (or, where schedstat is
 * missing, all of it after an involuntary switch); steal the extra steal time of the CPU; and {@code unexplained} what the others
 * leave of the lateness. Each is capped at the lateness, the largest wins, and on a tie the order is jvm-pause,
 * preempted, steal, unexplained. So a short safepoint inside a long stall of another kind does not make it a JVM
 * pause.
 */
final class Attribution {

    private Attribution() {
    }

    /**
     * The verdict on one late wake-up.
     *
     * @param cause its cause
     * @param pause the pause that overlapped it most, for {@link LatenessCause#JVM_PAUSE}; else null
     */
    record Verdict(LatenessCause cause, Pause pause) {
    }

    /**
     * Attributes a late wake-up.
     *
     * @param wakeup the wake-up and its counters
     * @param pauses the JVM pauses that overlap {@code [deadline, woke]}
     * @return the verdict
     */
    static Verdict attribute(LateWakeup wakeup, List<Pause> pauses) {
        long lateness = wakeup.latenessNanos();
        long paused = 0;
        Pause most = null;
        for (Pause pause : pauses) {
            long overlap = pause.overlap(wakeup.deadline(), wakeup.woke());
            paused += overlap;
            if (overlap > 0 && (most == null || overlap > most.overlap(wakeup.deadline(), wakeup.woke()))) {
                most = pause;
            }
        }
        // Switched out but no run-queue wait: schedstat is missing, so how long is unknown; take all of it.
        long preempted = wakeup.runDelayNanos() > 0 ? wakeup.runDelayNanos()
                : wakeup.involuntarySwitches() > 0 ? lateness : 0;
        paused = Math.min(paused, lateness);
        preempted = Math.min(preempted, lateness);
        long stolen = Math.min(wakeup.stealNanos(), lateness);
        long rest = Math.max(0, lateness - paused - preempted - stolen);
        if (paused > 0 && paused >= preempted && paused >= stolen && paused >= rest) {
            return new Verdict(LatenessCause.JVM_PAUSE, most);
        }
        if (preempted > 0 && preempted >= stolen && preempted >= rest) {
            return new Verdict(LatenessCause.PREEMPTED, null);
        }
        if (stolen > 0 && stolen >= rest) {
            return new Verdict(LatenessCause.STEAL, null);
        }
        return new Verdict(LatenessCause.UNEXPLAINED, null);
    }
}
