package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a priority change did: which method took effect, the thread's scheduling afterwards as the kernel
 * reports it, and why a fallback was taken or nothing happened.
 *
 * <pre>{@code
 * PriorityChange change = Realtime.elevatePriority(SchedPolicy.FIFO, 80);
 * if (!change.realtime()) {
 *     log.warn("running without a real-time policy: {}", change.reason().orElseThrow());
 * }
 * }</pre>
 */
public final class PriorityChange {

    /** How the priority was changed. */
    public enum Method {
        /** The real-time policy was set at once. */
        REALTIME_POLICY,
        /** The real-time policy was set after raising the soft {@code RLIMIT_RTPRIO}, as cyclictest does. */
        REALTIME_POLICY_AFTER_RAISING_RLIMIT,
        /** The nice value was set: the fallback of an elevation, or what a lowering does. */
        NICE,
        /** Nothing changed. */
        NONE
    }

    private final Method method;
    private final SchedPolicy policy;
    private final OptionalInt priority;
    private final OptionalInt nice;
    private final String reason;
    private final Errno errno;

    PriorityChange(Method method, SchedPolicy policy, OptionalInt priority, OptionalInt nice, String reason,
                   Errno errno) {
        this.method = method;
        this.policy = policy;
        this.priority = priority;
        this.nice = nice;
        this.reason = reason;
        this.errno = errno;
    }

    static PriorityChange unsupported(String reason) {
        return new PriorityChange(Method.NONE, null, OptionalInt.empty(), OptionalInt.empty(), reason, null);
    }

    /**
     * How the priority was changed.
     *
     * @return the method that took effect, {@link Method#NONE} if none did
     */
    public Method method() {
        return method;
    }

    /**
     * Whether anything changed.
     *
     * @return false only for {@link Method#NONE}
     */
    public boolean applied() {
        return method != Method.NONE;
    }

    /**
     * Whether the thread got the real-time policy it asked for.
     *
     * @return true for {@link Method#REALTIME_POLICY} and {@link Method#REALTIME_POLICY_AFTER_RAISING_RLIMIT}
     */
    public boolean realtime() {
        return method == Method.REALTIME_POLICY || method == Method.REALTIME_POLICY_AFTER_RAISING_RLIMIT;
    }

    /**
     * The thread's policy after the call, as the kernel reports it.
     *
     * @return the policy, empty where it cannot be read
     */
    public Optional<SchedPolicy> policy() {
        return Optional.ofNullable(policy);
    }

    /**
     * The thread's real-time priority after the call, as the kernel reports it.
     *
     * @return 1..99 under FIFO and RR, 0 otherwise; empty where it cannot be read
     */
    public OptionalInt priority() {
        return priority;
    }

    /**
     * The thread's nice value after the call, as the kernel reports it.
     *
     * @return -20..19, empty where it cannot be read
     */
    public OptionalInt nice() {
        return nice;
    }

    /**
     * Why a fallback was taken or nothing changed: each refused call with its errno and what would grant it.
     *
     * @return the reason, empty when the requested change took effect at once
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * The symbolic error of the first refused call.
     *
     * @return such as {@link Errno#EPERM}, empty when no call was refused
     */
    public Optional<Errno> errno() {
        return Optional.ofNullable(errno);
    }

    /**
     * Throws unless the thread got its real-time policy, for callers that cannot run without it.
     *
     * @return this change
     * @throws LowLatencyException with the reason and errno otherwise
     */
    public PriorityChange requireRealtime() {
        if (!realtime()) {
            throw new LowLatencyException("no real-time policy was set (" + method + "): " + reason, errno);
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("PriorityChange[").append(method);
        policy().ifPresent(value -> text.append(", ").append(value.cName()));
        priority.ifPresent(value -> text.append(" priority ").append(value));
        nice.ifPresent(value -> text.append(", nice ").append(value));
        reason().ifPresent(value -> text.append(", because ").append(value));
        return text.append(']').toString();
    }
}
