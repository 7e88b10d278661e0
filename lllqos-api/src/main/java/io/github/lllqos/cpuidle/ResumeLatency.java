package io.github.lllqos.cpuidle;

import io.github.lllqos.LowLatency;

import java.util.OptionalInt;

/**
 * A per-CPU resume latency limit, as {@code /sys/devices/system/cpu/cpuN/power/pm_qos_resume_latency_us} holds
 * it, with the kernel's inverted string forms handled: the kernel reads and writes {@code "0"} for
 * <em>no constraint</em> and {@code "n/a"} for the <em>strictest</em> limit (0 µs, no idle state with a non-zero
 * exit latency), and a decimal number of µs otherwise.
 *
 * <pre>{@code
 * ResumeLatency.ofMicros(20);         // written as "20"
 * ResumeLatency.ofMicros(0);          // 0 µs: written as "n/a"
 * ResumeLatency.noConstraint();       // written as "0"
 * ResumeLatency.parse("n/a");         // the kernel's forms, as a user or the file gives them
 * }</pre>
 */
public final class ResumeLatency {

    /** The largest limit the kernel accepts, in µs; {@code 2147483647} is refused with EINVAL. */
    public static final int MAX_MICROS = Integer.MAX_VALUE - 1;

    /** The kernel's internal value for "no constraint" ({@code PM_QOS_RESUME_LATENCY_NO_CONSTRAINT}). */
    private static final int NO_CONSTRAINT_MICROS = Integer.MAX_VALUE;

    private static final ResumeLatency NO_CONSTRAINT = new ResumeLatency(NO_CONSTRAINT_MICROS);
    private static final ResumeLatency STRICTEST = new ResumeLatency(0);

    private final int micros;

    private ResumeLatency(int micros) {
        this.micros = micros;
    }

    /**
     * No constraint: the cpuidle governor only applies the system-wide CPU latency limit. The kernel's form is
     * {@code "0"}.
     *
     * @return the value
     */
    public static ResumeLatency noConstraint() {
        return NO_CONSTRAINT;
    }

    /**
     * The strictest limit, 0 µs: only idle states with an exit latency of 0 (polling) remain. The kernel's form is
     * {@code "n/a"}.
     *
     * @return the value
     */
    public static ResumeLatency strictest() {
        return STRICTEST;
    }

    /**
     * A limit in µs.
     *
     * @param micros 0..{@value #MAX_MICROS}; 0 is {@link #strictest()}
     * @return the value
     * @throws IllegalArgumentException if {@code micros} is outside that range
     */
    public static ResumeLatency ofMicros(int micros) {
        if (micros < 0 || micros > MAX_MICROS) {
            throw new IllegalArgumentException("a resume latency limit must be in 0.." + MAX_MICROS + " µs, was "
                    + micros + " (the kernel refuses negative values and " + Integer.MAX_VALUE + ")");
        }
        return micros == 0 ? STRICTEST : new ResumeLatency(micros);
    }

    /**
     * Parses the kernel's form: {@code "n/a"} (strictest), {@code "0"} (no constraint) or a decimal number of µs
     * in 1..{@value #MAX_MICROS}. Surrounding white space, such as the file's newline, is ignored.
     *
     * @param kernelForm the text
     * @return the value
     * @throws IllegalArgumentException naming the text and the accepted forms when it is none of them
     */
    public static ResumeLatency parse(String kernelForm) {
        String text = kernelForm.strip();
        if (text.equals("n/a")) {
            return STRICTEST;
        }
        if (text.equals("0")) {
            return NO_CONSTRAINT;
        }
        if (!text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long micros = Long.parseLong(text);
            if (micros >= 1 && micros <= MAX_MICROS) {
                return new ResumeLatency((int) micros);
            }
        }
        throw new IllegalArgumentException("a resume latency must be 'n/a' (strictest: 0 µs), '0' (no"
                + " constraint) or a decimal number of µs in 1.." + MAX_MICROS + ", was '" + kernelForm + "'");
    }

    /**
     * Whether this is no constraint (the kernel's {@code "0"}).
     *
     * @return true for {@link #noConstraint()}
     */
    public boolean isNoConstraint() {
        return micros == NO_CONSTRAINT_MICROS;
    }

    /**
     * The limit in µs.
     *
     * @return 0 for {@link #strictest()}, the µs otherwise, empty for {@link #noConstraint()}
     */
    public OptionalInt limitMicros() {
        return isNoConstraint() ? OptionalInt.empty() : OptionalInt.of(micros);
    }

    /**
     * The limit the cpuidle governor applies to this CPU: the lower of this value and the system-wide CPU
     * latency limit, as the kernel's {@code cpuidle_governor_latency_req()} computes it. An idle state whose exit
     * latency exceeds it is not entered ({@link IdleState#blockedBy(int)}).
     *
     * @param cpuLatencyLimitMicros the system-wide limit, such as {@link LowLatency#effectiveCpuLatency()}
     * @return the lower of the two, in µs
     */
    public int governorLimitMicros(int cpuLatencyLimitMicros) {
        return Math.min(micros, cpuLatencyLimitMicros);
    }

    /**
     * The text the kernel reads and writes for this value.
     *
     * @return {@code "0"}, {@code "n/a"} or a decimal number
     */
    public String kernelForm() {
        if (isNoConstraint()) {
            return "0";
        }
        return micros == 0 ? "n/a" : Integer.toString(micros);
    }

    /**
     * The kernel's form with its meaning, for people.
     *
     * @return such as {@code "0 (no constraint)"}, {@code "n/a (strictest: 0 µs)"} or {@code "20 µs"}
     */
    @Override
    public String toString() {
        if (isNoConstraint()) {
            return "0 (no constraint)";
        }
        return micros == 0 ? "n/a (strictest: 0 µs)" : micros + " µs";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResumeLatency && ((ResumeLatency) other).micros == micros;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(micros);
    }
}
