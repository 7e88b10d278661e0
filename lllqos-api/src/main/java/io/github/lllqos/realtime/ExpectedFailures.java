package io.github.lllqos.realtime;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;

/**
 * Which failures of a backend call are refusals to report (a missing permission, a value the kernel rejects) and
 * which are thrown, and the {@link Refusal} each refusal becomes.
 */
final class ExpectedFailures {

    private ExpectedFailures() {
    }

    /** Returns a failure for a missing permission (EPERM, EACCES), and rethrows any other failure. */
    static LowLatencyException requirePermissionDenied(LowLatencyException e) {
        return requireOneOf(e, Errno.EPERM, Errno.EACCES);
    }

    /**
     * The refusal of a failure with one of the expected errnos, whose errno decides its kind; any other failure is
     * rethrown.
     */
    static Refusal refusalOf(LowLatencyException e, Errno... expected) {
        LowLatencyException refused = requireOneOf(e, expected);
        return Refusal.forErrno(refused.errno().orElseThrow(), refused.getMessage());
    }

    private static LowLatencyException requireOneOf(LowLatencyException e, Errno... expected) {
        Errno errno = e.errno().orElse(null);
        for (Errno refusal : expected) {
            if (refusal == errno) {
                return e;
            }
        }
        throw e;
    }

    /** The refusal of a call where the backend has no real-time support. */
    static Refusal unsupported(String reason) {
        return Refusal.of(Refusal.Kind.UNSUPPORTED, reason);
    }
}
