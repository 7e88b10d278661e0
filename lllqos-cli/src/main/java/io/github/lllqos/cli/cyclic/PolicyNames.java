package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.SchedPolicy;
import java.util.Locale;

/** Scheduling policies by the names cyclictest's {@code --policy} takes and prints. */
public final class PolicyNames {

    private PolicyNames() {
    }

    /**
     * The policy of a cyclictest name: {@code other} (or {@code normal}), {@code batch}, {@code idle}, {@code fifo}
     * or {@code rr}, in any case; and {@code deadline}, which cyclicdeadline measures.
     *
     * @param name the name
     * @return the policy
     * @throws IllegalArgumentException for any other name
     */
    public static SchedPolicy parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("normal")) {
            return SchedPolicy.OTHER;
        }
        for (SchedPolicy policy : SchedPolicy.values()) {
            if (name(policy).equals(lower)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("--policy must be one of other, normal, batch, idle, fifo, rr, deadline; was '"
                + name + "'");
    }

    /**
     * The name cyclictest prints for a policy.
     *
     * @param policy the policy
     * @return {@code fifo}, {@code rr}, {@code other}, {@code batch}, {@code idle} or {@code deadline}
     */
    public static String name(SchedPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT);
    }
}
