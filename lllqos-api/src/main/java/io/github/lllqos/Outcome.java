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

    private final T value;
    private final Refusal refusal;
    private final String warning;

    private Outcome(T value, Refusal refusal, String warning) {
        this.value = value;
        this.refusal = refusal;
        this.warning = warning;
    }

    /**
     * A setting that took effect.
     *
     * @param value the value in effect afterwards, read back
     * @param <T> the kind of value
     * @return the outcome
     */
    public static <T> Outcome<T> applied(T value) {
        return new Outcome<>(Objects.requireNonNull(value), null, null);
    }

    /**
     * A setting that did not take effect.
     *
     * @param valueOrNull the value in effect, where it could be read
     * @param refusal why, and what would let it
     * @param <T> the kind of value
     * @return the outcome
     */
    public static <T> Outcome<T> notApplied(T valueOrNull, Refusal refusal) {
        return new Outcome<>(valueOrNull, Objects.requireNonNull(refusal), null);
    }

    /**
     * The same outcome with a warning about what the applied setting may cost, and how to avoid it.
     *
     * @param warning the warning
     * @return a new outcome, otherwise equal
     */
    public Outcome<T> withWarning(String warning) {
        return new Outcome<>(value, refusal, Objects.requireNonNull(warning));
    }

    /**
     * Whether the setting took effect.
     *
     * @return true if the kernel applied it
     */
    public boolean applied() {
        return refusal == null;
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
        return refusal().map(Refusal::message);
    }

    /**
     * Why the setting did not take effect, as a kind and an errno to branch on.
     *
     * @return the refusal, empty when applied
     */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * The symbolic error of the refused call.
     *
     * @return such as {@link Errno#EPERM}, empty when applied or when no call failed
     */
    public Optional<Errno> errno() {
        return refusal().flatMap(Refusal::errno);
    }

    /**
     * What the setting, although applied, may cost, and how to avoid that:
     * {@link io.github.lllqos.realtime.Realtime#lockMemory()} warns when the heap can still grow, because GC pauses
     * then fault in and lock new pages.
     *
     * <pre>{@code
     * Realtime.lockMemory().warning().ifPresent(log::warn);
     * }</pre>
     *
     * @return the warning, empty when there is nothing to warn about
     */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /**
     * Throws unless the setting took effect, for callers that cannot run without it.
     *
     * @return this outcome
     * @throws LowLatencyException with the reason and errno otherwise
     */
    public Outcome<T> requireApplied() {
        if (refusal != null) {
            throw new LowLatencyException("not applied", refusal);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Outcome[" + (refusal == null ? "applied" : "not applied") + (value == null ? "" : ", now " + value)
                + (refusal == null ? "" : ", because " + refusal.message())
                + (warning == null ? "" : ", warning: " + warning) + "]";
    }
}
