package io.github.lllqos;

import java.util.Objects;
import java.util.Optional;

/**
 * What a setting did: whether it took effect, the value in effect afterwards as the kernel reports it, and
 * why it did not take effect. Like a lease that is not acquired, a setting that could not be applied (no
 * permission, not Linux) is not an error; {@link #requireApplied()} makes it one.
 *
 * <pre>{@code
 * Outcome<Long> locked = Realtime.lockMemory();
 * locked.notAppliedReason().ifPresent(reason -> log.warn("memory not locked: {}", reason));
 * }</pre>
 *
 * @param <T> the kind of value: a CPU set, a number of bytes or nanoseconds
 */
public final class Outcome<T> {

    private final boolean applied;
    private final T value;
    private final String notAppliedReason;
    private final String errno;

    private Outcome(boolean applied, T value, String notAppliedReason, String errno) {
        this.applied = applied;
        this.value = value;
        this.notAppliedReason = notAppliedReason;
        this.errno = errno;
    }

    /**
     * A setting that took effect.
     *
     * @param value the value in effect afterwards, read back
     * @param <T> the kind of value
     * @return the outcome
     */
    public static <T> Outcome<T> applied(T value) {
        return new Outcome<>(true, Objects.requireNonNull(value), null, null);
    }

    /**
     * A setting that did not take effect.
     *
     * @param valueOrNull the value in effect, where it could be read
     * @param reason why, and what would let it
     * @param errno the symbolic error of the refused call, or null where no call was made
     * @param <T> the kind of value
     * @return the outcome
     */
    public static <T> Outcome<T> notApplied(T valueOrNull, String reason, String errno) {
        return new Outcome<>(false, valueOrNull, Objects.requireNonNull(reason), errno);
    }

    /**
     * Whether the setting took effect.
     *
     * @return true if the kernel applied it
     */
    public boolean applied() {
        return applied;
    }

    /**
     * The value in effect after the call, read back from the kernel; present also when the request was not
     * applied, if it could be read.
     *
     * @return the value, empty where it cannot be read
     */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /**
     * Why the setting did not take effect, and what would let it.
     *
     * @return the reason, empty when applied
     */
    public Optional<String> notAppliedReason() {
        return Optional.ofNullable(notAppliedReason);
    }

    /**
     * The symbolic error of the refused call.
     *
     * @return such as {@code "EPERM"}, empty when applied or when no call was made
     */
    public Optional<String> errno() {
        return Optional.ofNullable(errno);
    }

    /**
     * Throws unless the setting took effect, for callers that cannot run without it.
     *
     * @return this outcome
     * @throws LowLatencyException with the reason and errno otherwise
     */
    public Outcome<T> requireApplied() {
        if (!applied) {
            throw new LowLatencyException("not applied: " + notAppliedReason, errno);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Outcome[" + (applied ? "applied" : "not applied") + (value == null ? "" : ", now " + value)
                + (applied ? "" : ", because " + notAppliedReason) + "]";
    }
}
