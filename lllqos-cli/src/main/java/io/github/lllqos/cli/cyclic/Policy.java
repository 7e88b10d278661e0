package io.github.lllqos.cli.cyclic;

import java.util.Locale;

/** The scheduling policy of the measuring threads, named as cyclictest names them. */
public enum Policy {
    /** SCHED_OTHER, the default time-sharing policy. */
    OTHER,
    /** SCHED_BATCH. */
    BATCH,
    /** SCHED_IDLE. */
    IDLE,
    /** SCHED_FIFO, real-time. */
    FIFO,
    /** SCHED_RR, real-time with time slices. */
    RR;

    /**
     * The policy for a cyclictest name: {@code other} (or {@code normal}), {@code batch}, {@code idle},
     * {@code fifo} or {@code rr}, in any case.
     *
     * @param name the name
     * @return the policy
     * @throws IllegalArgumentException for any other name
     */
    public static Policy named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("normal")) {
            return OTHER;
        }
        for (Policy policy : values()) {
            if (policy.cyclictestName().equals(lower)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("--policy must be one of other, normal, batch, idle, fifo, rr; was '"
                + name + "'");
    }

    /** Whether this is a real-time policy, which takes a priority 1..99. */
    public boolean realtime() {
        return this == FIFO || this == RR;
    }

    /** The name cyclictest prints for this policy ({@code fifo}, {@code other}, ...). */
    public String cyclictestName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
