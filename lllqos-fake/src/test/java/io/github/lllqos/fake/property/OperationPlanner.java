package io.github.lllqos.fake.property;

import java.util.List;
import java.util.Optional;
import org.quicktheories.core.RandomnessSource;

/**
 * Draws the operations of a {@link OperationSequence} one at a time, knowing what the steps kept so far did (which
 * descriptors are open, which requests are live), so that every generated step is one the system may be given.
 *
 * <p>A planner should draw the same values in the same ranges whatever its state (an operation kind, a slot that
 * {@link #newestFirst} turns into an open descriptor, every argument), and only then decide what they mean.
 * QuickTheories shrinks by replaying drawn values, and a draw whose range depends on earlier steps would shift every
 * later one.
 *
 * @param <O> the operation type, a sealed interface of records
 */
public interface OperationPlanner<O> {

    /**
     * Draws the next operation from {@code source}; must not change the planner, since the step may be left out.
     *
     * @param source QuickTheories' randomness, replayed and shrunk as a whole
     * @return an operation valid after the steps accepted so far, or empty when the drawn kind does not apply now
     *     (a close with nothing open): the step is left out
     */
    Optional<O> draw(RandomnessSource source);

    /**
     * Records that {@code operation} is part of the sequence.
     *
     * @param operation an operation returned by {@link #draw}
     */
    void accept(O operation);

    /**
     * The closing steps every sequence ends with, after the drawn ones (closing what is open, a final read).
     *
     * @return the closing steps, none by default
     */
    default List<O> finish() {
        return List.of();
    }

    /**
     * The item a drawn slot names, counted from the newest: slot 0, where shrinking takes every slot, is the newest
     * item, and stays so when shrinking leaves out the steps that made older ones. Counted from the oldest, leaving
     * out an earlier open would move a later write onto another descriptor, and the shrunk sequence would no longer
     * fail.
     *
     * @param items what the planner's steps have made so far, oldest first; not empty
     * @param slot a drawn slot, 0 or more
     * @param <T> the item type
     * @return the item {@code slot} names, modulo the number of items
     */
    static <T> T newestFirst(List<T> items, int slot) {
        return items.get(items.size() - 1 - slot % items.size());
    }
}
