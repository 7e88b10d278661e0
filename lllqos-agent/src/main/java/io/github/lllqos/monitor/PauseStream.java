package io.github.lllqos.monitor;

import java.time.Duration;
import java.util.Optional;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordingStream;

/**
 * The JVM's safepoints from JFR event streaming, fed into a {@link PauseHistory}.
 *
 * <p>Which events, and why: {@code jdk.SafepointBegin} (its start is when the JVM starts stopping Java threads)
 * and {@code jdk.SafepointEnd} (its start is just before they are let go; its end comes after the VM thread's
 * work that follows, which it may be kept from by the scheduler) bound the time a Java thread that returns from a
 * sleep cannot run, for every kind of safepoint, GC or not, including the time to reach it: the
 * same span {@code -Xlog:safepoint} reports as Total. {@code jdk.ExecuteVMOperation} names the operation run at
 * each safepoint id, and {@code jdk.GarbageCollection} gives the cause ("G1 Evacuation Pause") of the collection
 * around it. {@code jdk.GCPhasePause} was not used: it covers only the GC's own work, not the time to reach the
 * safepoint, and no non-GC safepoint. All are rare (a few per second under load), so their cost is small.
 *
 * <p>JFR delivers events about once a second, in order of their end. Each flush calls {@code onFlush} on the
 * stream's thread, after the events of that flush. How far the stream has got is told by the monitor's own
 * {@link ClockSampleEvent}s: when one arrives, every event committed before it has. JFR records no event
 * committed on the stream's thread (it excludes its own threads), so the monitor commits its events, clock
 * samples included, on a thread of its own.
 */
final class PauseStream implements AutoCloseable {

    static final String CLOCK_SAMPLE = "io.github.lllqos.monitor.ClockSample";

    private final RecordingStream stream;
    private volatile boolean closed;

    private PauseStream(RecordingStream stream) {
        this.stream = stream;
    }

    /**
     * Why pauses cannot be streamed in this JVM, if they cannot.
     *
     * @return empty where JFR is available
     */
    static Optional<String> unavailableReason() {
        try {
            return FlightRecorder.isAvailable() ? Optional.empty()
                    : Optional.of("JFR is not available in this JVM (-XX:-FlightRecorder?)");
        } catch (LinkageError e) {
            return Optional.of("the jdk.jfr module is missing from this runtime");
        }
    }

    /**
     * Starts streaming.
     *
     * @param history fed from the stream's thread, under its own lock
     * @param clock maps JFR's times onto {@link System#nanoTime()}
     * @param onFlush run on the stream's thread after each flush; it must commit no event
     * @return the running stream
     */
    static PauseStream start(PauseHistory history, JfrClock clock, Runnable onFlush) {
        RecordingStream stream = new RecordingStream();
        for (String name : new String[] {"jdk.SafepointBegin", "jdk.SafepointEnd", "jdk.ExecuteVMOperation",
                "jdk.GarbageCollection", CLOCK_SAMPLE}) {
            stream.enable(name).withoutStackTrace().withThreshold(Duration.ZERO);
        }
        stream.setReuse(true);
        stream.onEvent("jdk.SafepointBegin", e -> {
            synchronized (history) {
                history.safepointBegan(e.getLong("safepointId"), clock.toNanoTime(e.getStartTime()));
            }
        });
        stream.onEvent("jdk.ExecuteVMOperation", e -> {
            if (e.getBoolean("safepoint")) {
                synchronized (history) {
                    history.operationRan(e.getLong("safepointId"), e.getString("operation"));
                }
            }
        });
        stream.onEvent("jdk.SafepointEnd", e -> {
            synchronized (history) {
                history.safepointEnded(e.getLong("safepointId"), clock.toNanoTime(e.getStartTime()));
            }
        });
        stream.onEvent("jdk.GarbageCollection", e -> {
            synchronized (history) {
                history.collected(clock.toNanoTime(e.getStartTime()), clock.toNanoTime(e.getEndTime()),
                        e.getString("cause"));
            }
        });
        stream.onEvent(CLOCK_SAMPLE, e -> {
            clock.calibrate(e.getEndTime(), e.getLong("nanoTime"));
            synchronized (history) {
                history.deliveredUpTo(e.getLong("nanoTime"));
            }
        });
        stream.onFlush(onFlush);
        PauseStream pauses = new PauseStream(stream);
        stream.onClose(() -> pauses.closed = true);
        // startAsync() would run the stream on a thread that is not a daemon, which keeps the JVM from exiting.
        Thread thread = new Thread(() -> {
            try {
                stream.start();
            } finally {
                pauses.closed = true;
            }
        }, "lllqos-jfr-pauses");
        thread.setDaemon(true);
        thread.start();
        ClockSampleEvent.commitNow();
        return pauses;
    }

    /** Whether the stream has ended (closed here, or by JFR at JVM exit). */
    boolean closed() {
        return closed;
    }

    /** Stops the stream and waits a little for its thread to finish. */
    @Override
    public void close() {
        stream.close();
        try {
            stream.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
    }
}
