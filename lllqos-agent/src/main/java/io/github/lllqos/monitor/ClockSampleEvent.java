package io.github.lllqos.monitor;

import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A reading of {@link System#nanoTime()} committed as a JFR event, so the monitor can map JFR's timestamps onto
 * that clock: the event's end time and its {@code nanoTime} were taken together. Off unless the monitor's own stream
 * enables it.
 */
@Name("io.github.lllqos.monitor.ClockSample")
@Label("Monitor Clock Sample")
@Enabled(false)
@StackTrace(false)
final class ClockSampleEvent extends Event {

    @Label("nanoTime")
    long nanoTime;

    /** Commits one sample now. */
    static void commitNow() {
        ClockSampleEvent event = new ClockSampleEvent();
        event.nanoTime = System.nanoTime();
        event.commit();
    }
}
