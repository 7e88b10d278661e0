package io.github.lllqos.monitor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A late wake-up of the monitor thread and its cause. It is committed when the cause is decided, about a second
 * after the wake-up (once JFR has delivered the pauses of that time): its own timestamp is that moment, and
 * {@code deadlineNanoTime} says when the wake-up was due, on the clock of {@link System#nanoTime()} and of
 * {@code -Xlog}'s {@code timenanos} decoration.
 */
@Name("io.github.lllqos.LateWakeup")
@Label("Late Wake-up")
@Description("A wake-up of the lllqos monitor thread that ran later than its threshold, with its cause")
@Category({"lllqos", "Wake-up Monitor"})
@StackTrace(false)
final class LateWakeupEvent extends Event {

    @Label("Lateness")
    @Timespan(Timespan.NANOSECONDS)
    long lateness;

    @Label("Cause")
    @Description("jvm-pause, preempted, steal or unexplained")
    String cause;

    @Label("Pause")
    @Description("For jvm-pause: the VM operation and GC cause of the pause it overlapped")
    String pause;

    @Label("Deadline (nanoTime)")
    @Description("When the wake-up was due, in System.nanoTime() units")
    long deadlineNanoTime;

    @Label("Woke (nanoTime)")
    @Description("When the thread ran, in System.nanoTime() units")
    long wokeNanoTime;
}
