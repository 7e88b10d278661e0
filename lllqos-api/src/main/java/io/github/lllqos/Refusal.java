package io.github.lllqos;

import java.util.Objects;
import java.util.Optional;

/**
 * Why something was not done: a kind to branch on, the error of the refused call where there was one, and the
 * message for people, which names the call and the fix. A lease that was not acquired and an {@link Outcome}
 * that was not applied carry one.
 *
 * <pre>{@code
 * try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {
 *     lease.refusal().filter(refusal -> refusal.kind() == Refusal.Kind.PERMISSION)
 *             .ifPresent(refusal -> log.warn("grant access: {}", refusal.message()));
 * }
 * }</pre>
 *
 * @param kind what kind of reason it is
 * @param errno the error of the refused call, empty where no call failed
 * @param message the reason and the fix, for people
 */
public record Refusal(Kind kind, Optional<Errno> errno, String message) {

    /** The kinds of reason. */
    public enum Kind {
        /** Nothing here can do it: not Linux, no device, a kernel without the feature, provider {@code none}. */
        UNSUPPORTED,
        /** A permission is missing: file access, a capability, an rlimit or a cgroup setting. */
        PERMISSION,
        /** The kernel accepted the request and ignored it. */
        IGNORED,
        /** The kernel refused the value, such as SCHED_DEADLINE admission control. */
        REJECTED,
        /** lllqos is configured wrongly: an unknown provider, a path to the wrong device. */
        MISCONFIGURED,
        /** Anything else: an I/O error, an unexpected errno. */
        FAILED
    }

    /**
     * Checks the components.
     *
     * @param kind what kind of reason it is
     * @param errno the error, or empty
     * @param message the message
     */
    public Refusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A reason where no system call failed.
     *
     * @param kind the kind
     * @param message the reason and the fix
     * @return the refusal
     */
    public static Refusal of(Kind kind, String message) {
        return new Refusal(kind, Optional.empty(), message);
    }

    /**
     * A reason for a system call that failed.
     *
     * @param kind the kind
     * @param errno the call's error
     * @param message the reason and the fix, naming the call
     * @return the refusal
     */
    public static Refusal of(Kind kind, Errno errno, String message) {
        return new Refusal(kind, Optional.of(errno), message);
    }

    /**
     * The kind that an error usually means: {@link Kind#PERMISSION} for EPERM and EACCES, {@link Kind#UNSUPPORTED}
     * for ENOENT, ENODEV and ENOSYS, {@link Kind#REJECTED} for EINVAL, ERANGE and EBUSY, else {@link Kind#FAILED}.
     *
     * @param errno the error
     * @param message the reason and the fix, naming the call
     * @return the refusal
     */
    public static Refusal forErrno(Errno errno, String message) {
        Kind kind = switch (errno) {
            case EPERM, EACCES -> Kind.PERMISSION;
            case ENOENT, ENODEV, ENOSYS, EOPNOTSUPP -> Kind.UNSUPPORTED;
            case EINVAL, ERANGE, EBUSY -> Kind.REJECTED;
            default -> Kind.FAILED;
        };
        return of(kind, errno, message);
    }

    /** The message. */
    @Override
    public String toString() {
        return message;
    }
}
