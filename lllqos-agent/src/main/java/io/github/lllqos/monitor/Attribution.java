package io.github.lllqos.monitor;

import java.util.List;

/**
 * The rule that gives a late wake-up its one cause. Each candidate explains part of the lateness: a JVM pause the
 * time it overlapped {@code [deadline, woke]}; preemption the thread's extra run-queue wait (or, where schedstat is
 * missing, any involuntary switch); steal the extra steal time of the CPU. Each is capped at the lateness, the
 * largest wins, and on a tie the order is jvm-pause, preempted, steal. Nothing explained is {@code unexplained}.
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
        long preempted = wakeup.runDelayNanos() > 0 ? wakeup.runDelayNanos() : wakeup.involuntarySwitches() > 0 ? 1 : 0;
        paused = Math.min(paused, lateness);
        preempted = Math.min(preempted, lateness);
        long stolen = Math.min(wakeup.stealNanos(), lateness);
        if (paused > 0 && paused >= preempted && paused >= stolen) {
            return new Verdict(LatenessCause.JVM_PAUSE, most);
        }
        if (preempted > 0 && preempted >= stolen) {
            return new Verdict(LatenessCause.PREEMPTED, null);
        }
        if (stolen > 0) {
            return new Verdict(LatenessCause.STEAL, null);
        }
        return new Verdict(LatenessCause.UNEXPLAINED, null);
    }
}
