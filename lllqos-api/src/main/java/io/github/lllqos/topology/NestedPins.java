package io.github.lllqos.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The reservations that pinned each thread, innermost last, so that closing them in any order puts back the right
 * affinity: closing the innermost restores what the thread had before it; closing one below leaves the thread
 * pinned where the innermost put it, and hands its own "before" to the reservation made after it.
 */
final class NestedPins {

    /** Guarded by itself; weak, so an ended thread's pins go with it. */
    private static final Map<Thread, List<Pin>> BY_THREAD = new WeakHashMap<>();

    private NestedPins() {
    }

    /** One reservation's pin of a thread: the affinity the thread is to get back when it is the innermost. */
    static final class Pin {

        private Set<Integer> before;

        private Pin(Set<Integer> before) {
            this.before = before;
        }
    }

    /**
     * Records that a reservation has just pinned a thread.
     *
     * @param thread the pinned thread
     * @param before its affinity before the pin; empty when unknown
     * @return the pin, to give to {@link #unpin}
     */
    static Pin pinned(Thread thread, Set<Integer> before) {
        Pin pin = new Pin(Set.copyOf(before));
        synchronized (BY_THREAD) {
            BY_THREAD.computeIfAbsent(thread, key -> new ArrayList<>()).add(pin);
        }
        return pin;
    }

    /**
     * Forgets a pin, and says what the thread's affinity must become now.
     *
     * @param thread the pinned thread
     * @param pin its pin, from {@link #pinned}
     * @return the affinity to put back; empty when a reservation made later still holds the thread (it then puts
     *     back this pin's affinity when it ends), or when the affinity before was unknown
     */
    static Optional<Set<Integer>> unpin(Thread thread, Pin pin) {
        Set<Integer> restore;
        synchronized (BY_THREAD) {
            List<Pin> pins = BY_THREAD.getOrDefault(thread, List.of());
            int index = indexOf(pins, pin);
            if (index >= 0) {
                pins.remove(index);
                if (pins.isEmpty()) {
                    BY_THREAD.remove(thread);
                }
                if (index < pins.size()) {
                    pins.get(index).before = pin.before;
                    return Optional.empty();
                }
            }
            restore = pin.before;
        }
        return restore.isEmpty() ? Optional.empty() : Optional.of(restore);
    }

    private static int indexOf(List<Pin> pins, Pin pin) {
        for (int i = 0; i < pins.size(); i++) {
            if (pins.get(i) == pin) {
                return i;
            }
        }
        return -1;
    }
}
