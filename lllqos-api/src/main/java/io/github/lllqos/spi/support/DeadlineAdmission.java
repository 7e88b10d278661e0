package io.github.lllqos.spi.support;

import io.github.lllqos.realtime.DeadlineParameters;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The kernel's admission control of SCHED_DEADLINE threads, for providers that model it and for the reasons they
 * give: the deadline threads of a root domain may together reserve at most {@code sched_rt_runtime_us /
 * sched_rt_period_us} of each of its CPUs ({@code __dl_overflow} in {@code kernel/sched/deadline.c}), and a
 * runtime of -1 turns the rule off.
 *
 * @param rtRuntimeMicros {@code /proc/sys/kernel/sched_rt_runtime_us}, -1 for no limit
 * @param rtPeriodMicros {@code /proc/sys/kernel/sched_rt_period_us}, positive
 * @param cpus the number of CPUs in the root domain
 */
public record DeadlineAdmission(long rtRuntimeMicros, long rtPeriodMicros, int cpus) {

    /**
     * Checks the figures.
     *
     * @throws IllegalArgumentException for a runtime below -1, a period that is not positive, or no CPUs
     */
    public DeadlineAdmission {
        if (rtRuntimeMicros < -1 || rtPeriodMicros <= 0 || cpus < 1) {
            throw new IllegalArgumentException("admission control needs sched_rt_runtime_us -1 or more, a positive"
                    + " sched_rt_period_us and at least one CPU, was " + rtRuntimeMicros + " / " + rtPeriodMicros
                    + " µs on " + cpus + " CPUs");
        }
    }

    /**
     * Whether a thread asking for {@code wanted} is admitted next to the bandwidth already reserved.
     *
     * @param wanted the new thread's parameters
     * @param reserved the summed runtime/period of the other deadline threads of the root domain
     * @return true if the sum fits, or admission control is off
     */
    public boolean admits(DeadlineParameters wanted, double reserved) {
        return rtRuntimeMicros < 0 || reserved + wanted.bandwidth() <= limit() + 1e-9;
    }

    /**
     * The bandwidth the root domain's deadline threads may reserve together.
     *
     * @return CPUs times runtime / period, such as 1.9 for 2 CPUs at 950000 / 1000000
     */
    public double limit() {
        return rtRuntimeMicros < 0 ? Double.POSITIVE_INFINITY : cpus * (double) rtRuntimeMicros / rtPeriodMicros;
    }

    /**
     * Why a thread was not admitted, with the figures and the ways out.
     *
     * @param wanted the refused parameters
     * @param reserved what the admitted deadline threads hold, where known
     * @return the reason, to follow {@code "EBUSY: "}
     */
    public String refusal(DeadlineParameters wanted, OptionalDouble reserved) {
        StringBuilder reason = new StringBuilder("admission control refused the bandwidth: this thread asks for "
                + percent(wanted.bandwidth()) + " of a CPU (runtime " + wanted.runtimeNanos() + " ns per period "
                + wanted.periodNanos() + " ns)");
        reserved.ifPresent(held -> reason.append(" on top of ").append(percent(held))
                .append(" held by the deadline threads already admitted"));
        if (rtRuntimeMicros >= 0) {
            reason.append(", while deadline threads may hold at most sched_rt_runtime_us / sched_rt_period_us = ")
                    .append(rtRuntimeMicros).append(" / ").append(rtPeriodMicros).append(" µs = ")
                    .append(percent((double) rtRuntimeMicros / rtPeriodMicros)).append(" of each of the root domain's ")
                    .append(cpus).append(" CPUs (").append(percent(limit())).append(" in all)");
        }
        return reason.append(": ask for less runtime or a longer period, end other deadline threads, or raise"
                + " /proc/sys/kernel/sched_rt_runtime_us (-1 turns admission control off)").toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
