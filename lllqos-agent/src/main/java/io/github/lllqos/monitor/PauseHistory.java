package io.github.lllqos.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM's recent safepoints, built from JFR's events in the order they arrive (on the stream's thread), and the
 * tally of every safepoint seen. A safepoint is known once its {@code jdk.SafepointEnd} has arrived; its VM
 * operation comes from {@code jdk.ExecuteVMOperation} with the same safepoint id, and its GC cause from a
 * {@code jdk.GarbageCollection} that encloses it. Not thread-safe: one thread feeds and queries it.
 */
final class PauseHistory {

    /** How long a pause is kept for late wake-ups that may still arrive and overlap it. */
    static final long RETENTION_NANOS = 60_000_000_000L;
    private static final int MAX_PAUSES = 100_000;
    private static final int MAX_OPEN = 64;
    private static final long MAX_OPEN_NANOS = 30_000_000_000L;
    private static final int MAX_COLLECTIONS = 256;

    private final Map<Long, Long> beginnings = bounded(MAX_OPEN);
    private final Map<Long, String> operations = bounded(MAX_OPEN);
    private final ArrayDeque<Collection> collections = new ArrayDeque<>();
    private final ArrayDeque<Pause> pauses = new ArrayDeque<>();
    private final PauseTallies tallies;
    private long delivered = Long.MIN_VALUE;

    /** A collection as {@code jdk.GarbageCollection} reports it. */
    private record Collection(long start, long end, String cause) {
    }

    PauseHistory(PauseTallies tallies) {
        this.tallies = tallies;
    }

    /**
     * Notes how far the stream has delivered: every event committed before {@code nanoTime} has arrived.
     *
     * @param nanoTime the {@link System#nanoTime()} read as a {@link ClockSampleEvent} was committed
     */
    void deliveredUpTo(long nanoTime) {
        delivered = Math.max(delivered, nanoTime);
    }

    /**
     * The time up to which late wake-ups can be decided: what the stream has delivered, but not past the start of
     * a safepoint whose end has not yet arrived (its Java threads may have been let go before JFR records the
     * end). A safepoint open for longer than {@link #MAX_OPEN_NANOS} is taken as lost.
     *
     * @return a {@link System#nanoTime()} value, {@link Long#MIN_VALUE} before anything was delivered
     */
    long decidableUpTo() {
        long bound = delivered;
        for (long start : beginnings.values()) {
            if (delivered - start < MAX_OPEN_NANOS && start < bound) {
                bound = start;
            }
        }
        return bound;
    }

    /** {@code jdk.SafepointBegin}: the JVM began to stop Java threads. */
    void safepointBegan(long safepointId, long start) {
        beginnings.put(safepointId, start);
    }

    /** {@code jdk.ExecuteVMOperation}: the operation run at a safepoint. */
    void operationRan(long safepointId, String operation) {
        operations.put(safepointId, operation);
    }

    /** {@code jdk.GarbageCollection}: a collection ended; names the cause of the pauses inside it. */
    void collected(long start, long end, String cause) {
        collections.addLast(new Collection(start, end, cause == null ? "" : cause));
        if (collections.size() > MAX_COLLECTIONS) {
            collections.removeFirst();
        }
        List<Pause> named = new ArrayList<>();
        for (Iterator<Pause> it = pauses.descendingIterator(); it.hasNext(); ) {
            Pause pause = it.next();
            if (pause.end() < start) {
                break;
            }
            if (pause.gcCause().isEmpty() && pause.start() <= end) {
                it.remove();
                named.add(new Pause(pause.start(), pause.end(), pause.operation(), cause == null ? "" : cause));
            }
        }
        for (int i = named.size() - 1; i >= 0; i--) {
            insertInOrder(named.get(i));
        }
    }

    /**
     * {@code jdk.SafepointEnd}: the safepoint is over and becomes a {@link Pause}.
     *
     * @param safepointId its id
     * @param end when Java threads were let go
     * @return the pause, or null when its beginning was not seen
     */
    Pause safepointEnded(long safepointId, long end) {
        Long start = beginnings.remove(safepointId);
        String operation = operations.remove(safepointId);
        if (start == null) {
            return null;
        }
        Pause pause = new Pause(start, end, operation == null ? "safepoint" : operation, causeAround(start, end));
        insertInOrder(pause);
        tallies.add(pause);
        return pause;
    }

    private String causeAround(long start, long end) {
        for (Iterator<Collection> it = collections.descendingIterator(); it.hasNext(); ) {
            Collection gc = it.next();
            if (gc.start() <= end && gc.end() >= start) {
                return gc.cause();
            }
        }
        return "";
    }

    private void insertInOrder(Pause pause) {
        if (pauses.isEmpty() || pauses.peekLast().start() <= pause.start()) {
            pauses.addLast(pause);
        } else {
            List<Pause> later = new ArrayList<>();
            while (!pauses.isEmpty() && pauses.peekLast().start() > pause.start()) {
                later.add(pauses.removeLast());
            }
            pauses.addLast(pause);
            for (int i = later.size() - 1; i >= 0; i--) {
                pauses.addLast(later.get(i));
            }
        }
        while (pauses.size() > MAX_PAUSES) {
            pauses.removeFirst();
        }
    }

    /**
     * The pauses that meet {@code [from, to]}.
     *
     * @param from a {@link System#nanoTime()} value
     * @param to a later one
     * @return them in order of start, possibly none
     */
    List<Pause> overlapping(long from, long to) {
        List<Pause> found = new ArrayList<>(2);
        for (Iterator<Pause> it = pauses.descendingIterator(); it.hasNext(); ) {
            Pause pause = it.next();
            if (pause.end() < from) {
                break;
            }
            if (pause.overlap(from, to) > 0) {
                found.add(0, pause);
            }
        }
        return found;
    }

    /** Forgets pauses that ended more than {@link #RETENTION_NANOS} before {@code now}. */
    void forgetBefore(long now) {
        while (!pauses.isEmpty() && pauses.peekFirst().end() < now - RETENTION_NANOS) {
            pauses.removeFirst();
        }
    }

    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
