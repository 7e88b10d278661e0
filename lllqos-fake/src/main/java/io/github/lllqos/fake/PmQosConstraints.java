package io.github.lllqos.fake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A min-aggregated request list, the kernel's {@code struct pm_qos_constraints} with {@code PM_QOS_MIN}.
 *
 * <p>The values are kept as a sorted multiset (value to count), so adding, changing or removing a request costs
 * O(log n) in live requests; the aggregate is a volatile field, read without a lock, as the kernel reads its
 * {@code target_value} with {@code READ_ONCE}. Notifiers run after the list lock is released and only when the
 * aggregate changed, as {@code pm_qos_update_target} calls them.
 */
final class PmQosConstraints {

    /** How many aggregate changes {@link #history()} keeps. */
    static final int HISTORY_LIMIT = 10_000;

    private final int defaultValue;
    private final int noConstraintValue;
    private final TreeMap<Integer, int[]> counts = new TreeMap<>();
    private final List<IntConsumer> notifiers = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Integer> history = new ArrayDeque<>();
    private volatile int target;
    private int size;

    /**
     * Creates an empty list.
     *
     * @param defaultValue what a request at {@link PmQos#PM_QOS_DEFAULT_VALUE} stands for
     * @param noConstraintValue the aggregate of an empty list
     */
    PmQosConstraints(int defaultValue, int noConstraintValue) {
        this.defaultValue = defaultValue;
        this.noConstraintValue = noConstraintValue;
        this.target = noConstraintValue;
        this.history.add(noConstraintValue);
    }

    /** The aggregate: the minimum live request, or the no-constraint value when there is none. Lock-free. */
    int target() {
        return target;
    }

    /** The value a request node holds for a requested {@code value}: the default for {@code PM_QOS_DEFAULT_VALUE}. */
    int nodeValue(int value) {
        return value == PmQos.PM_QOS_DEFAULT_VALUE ? defaultValue : value;
    }

    /** Adds a node holding {@code value}; true when the aggregate changed. */
    boolean add(int value) {
        Integer changed;
        synchronized (this) {
            int before = target;
            insert(value);
            changed = publish(before);
        }
        return notifyIfChanged(changed);
    }

    /** Moves a node from {@code oldValue} to {@code newValue}; true when the aggregate changed. */
    boolean update(int oldValue, int newValue) {
        Integer changed;
        synchronized (this) {
            int before = target;
            delete(oldValue);
            insert(newValue);
            changed = publish(before);
        }
        return notifyIfChanged(changed);
    }

    /** Removes a node holding {@code oldValue}; true when the aggregate changed. */
    boolean remove(int oldValue) {
        Integer changed;
        synchronized (this) {
            int before = target;
            delete(oldValue);
            changed = publish(before);
        }
        return notifyIfChanged(changed);
    }

    private void insert(int value) {
        counts.computeIfAbsent(value, key -> new int[1])[0]++;
        size++;
    }

    private void delete(int value) {
        int[] count = counts.get(value);
        if (count == null) {
            throw new IllegalStateException("no request node at " + value + " in the list");
        }
        if (--count[0] == 0) {
            counts.remove(value);
        }
        size--;
    }

    /** Recomputes the aggregate under the lock; returns it if it changed, else null. */
    private Integer publish(int before) {
        int after = counts.isEmpty() ? noConstraintValue : counts.firstKey();
        target = after;
        if (after == before) {
            return null;
        }
        if (history.size() == HISTORY_LIMIT) {
            history.removeFirst();
        }
        history.addLast(after);
        return after;
    }

    private boolean notifyIfChanged(Integer changed) {
        if (changed == null) {
            return false;
        }
        int value = changed;
        for (IntConsumer notifier : notifiers) {
            notifier.accept(value);
        }
        return true;
    }

    void addNotifier(IntConsumer notifier) {
        notifiers.add(notifier);
    }

    boolean removeNotifier(IntConsumer notifier) {
        return notifiers.remove(notifier);
    }

    /** The values of all live request nodes, ascending. */
    synchronized List<Integer> requests() {
        List<Integer> values = new ArrayList<>(size);
        for (Map.Entry<Integer, int[]> entry : counts.entrySet()) {
            for (int i = 0; i < entry.getValue()[0]; i++) {
                values.add(entry.getKey());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** The aggregate at creation and after each change, oldest first (the last {@value #HISTORY_LIMIT}). */
    synchronized List<Integer> history() {
        return List.copyOf(history);
    }
}
