package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What a cyclic measurement does, with cyclictest's meanings. Invalid values are refused with an
 * {@link IllegalArgumentException} that names the option, the value and the rule.
 *
 * @param intervalMicros {@code -i}: the period of thread 0, µs, at least 1
 * @param distanceMicros {@code -d}: how much longer each further thread's period is, µs (ignored with a histogram)
 * @param loops {@code -l}: activations per thread, 0 for no limit
 * @param policy {@code --policy}: the scheduling policy of the measuring threads
 * @param priority {@code -p}: their priority, 0..99 (0 only for policies that are not real-time)
 * @param lockMemory {@code -m}: whether all memory is locked ({@code mlockall}) for the run
 * @param affinity {@code -a}: the CPUs the threads are pinned to, round robin; empty for no pinning
 * @param threads {@code -t}: the number of measuring threads, at least 1
 * @param histogramMicros {@code -h}: the µs range of the per-µs histogram, 0 for none, at most 1,000,000
 * @param latencyTargetMicros {@code --latency}: the CPU latency request held for the run, µs, 0 or more; empty
 *     with {@code --laptop}, which holds none (as cyclictest's)
 * @param duration {@code -D}: how long to run, {@link Duration#ZERO} for no limit
 * @param spin {@code --spin}: whether each wait finishes by spinning, at most the interval
 * @param runtimeMicros {@code --runtime}: with policy deadline, each thread's runtime per period (its interval,
 *     which is also its deadline), µs; 0 otherwise
 */
public record CyclicSettings(long intervalMicros, long distanceMicros, long loops, SchedPolicy policy, int priority,
        boolean lockMemory, Optional<CpuRotation> affinity, int threads, int histogramMicros,
        OptionalInt latencyTargetMicros, Duration duration, SpinFinish spin, long runtimeMicros) {

    /** The largest {@code -h} range, as cyclictest's. */
    public static final int HISTOGRAM_MAX_MICROS = 1_000_000;

    /** Validates every value. */
    public CyclicSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(affinity, "affinity");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(latencyTargetMicros, "latencyTargetMicros");
        if (intervalMicros < 1 || intervalMicros > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("-i interval must be 1.." + Integer.MAX_VALUE + " µs, was "
                    + intervalMicros);
        }
        if (distanceMicros < 0 || distanceMicros > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("-d distance must be 0.." + Integer.MAX_VALUE + " µs, was "
                    + distanceMicros);
        }
        if (loops < 0) {
            throw new IllegalArgumentException("-l loops must be 0 (no limit) or more, was " + loops);
        }
        if (priority < 0 || priority > 99) {
            throw new IllegalArgumentException("-p priority must be 0..99, was " + priority);
        }
        if (policy.isRealtime() && priority == 0) {
            throw new IllegalArgumentException("-p priority must be 1..99 for policy " + PolicyNames.name(policy)
                    + ", was 0");
        }
        if (!policy.isRealtime() && priority != 0) {
            throw new IllegalArgumentException("-p priority must be 0 for policy " + PolicyNames.name(policy)
                    + ", was " + priority);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("-t threads must be 1 or more, was " + threads);
        }
        if (histogramMicros < 0 || histogramMicros > HISTOGRAM_MAX_MICROS) {
            throw new IllegalArgumentException("-h histogram range must be 0.." + HISTOGRAM_MAX_MICROS
                    + " µs, was " + histogramMicros);
        }
        if (latencyTargetMicros.isPresent() && latencyTargetMicros.getAsInt() < 0) {
            throw new IllegalArgumentException("--latency target must be 0 or more µs, was "
                    + latencyTargetMicros.getAsInt());
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("-D duration must not be negative, was " + duration);
        }
        Objects.requireNonNull(spin, "spin");
        if (spin.marginMicros() > intervalMicros) {
            throw new IllegalArgumentException("--spin margin must be at most the -i interval " + intervalMicros
                    + " µs, was " + spin.marginMicros());
        }
        if (policy == SchedPolicy.DEADLINE) {
            if (spin.spins()) {
                throw new IllegalArgumentException("--spin does not apply to --policy deadline: the kernel wakes a"
                        + " deadline thread at its period itself");
            }
            try {
                DeadlineParameters.ofNanos(runtimeMicros * 1000, intervalMicros * 1000, intervalMicros * 1000);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--runtime " + runtimeMicros + " µs with -i " + intervalMicros
                        + " µs: " + e.getMessage(), e);
            }
        } else if (runtimeMicros != 0) {
            throw new IllegalArgumentException("--runtime " + runtimeMicros + " µs applies only to --policy deadline,"
                    + " policy was " + PolicyNames.name(policy));
        }
    }

    /**
     * Settings without spinning or a deadline runtime, as cyclictest has.
     *
     * @param intervalMicros {@code -i}
     * @param distanceMicros {@code -d}
     * @param loops {@code -l}
     * @param policy {@code --policy}
     * @param priority {@code -p}
     * @param lockMemory {@code -m}
     * @param affinity {@code -a}
     * @param threads {@code -t}
     * @param histogramMicros {@code -h}
     * @param latencyTargetMicros {@code --latency}
     * @param duration {@code -D}
     */
    public CyclicSettings(long intervalMicros, long distanceMicros, long loops, SchedPolicy policy, int priority,
            boolean lockMemory, Optional<CpuRotation> affinity, int threads, int histogramMicros,
            OptionalInt latencyTargetMicros, Duration duration) {
        this(intervalMicros, distanceMicros, loops, policy, priority, lockMemory, affinity, threads, histogramMicros,
                latencyTargetMicros, duration, SpinFinish.NONE, 0);
    }

    /**
     * The runtime {@code --policy deadline} gets without {@code --runtime}: 60% of the interval, as cyclicdeadline
     * gives its threads here.
     *
     * @param intervalMicros the {@code -i} interval
     * @return µs
     */
    public static long defaultRuntimeMicros(long intervalMicros) {
        return intervalMicros * 6 / 10;
    }

    /**
     * Settings as cyclictest resolves its options: a priority without a real-time policy selects SCHED_FIFO, and a
     * real-time policy without a priority, or with {@code -p 0}, gets {@code threads + 1}. Each change is told to
     * {@code notes} in cyclictest's words.
     *
     * @param policy the {@code --policy} given, or empty
     * @param priority the {@code -p} given, or empty
     * @param threads the number of threads
     * @param notes where the adjustments are told
     * @return the policy and priority to use
     */
    public static PolicyAndPriority resolvePolicy(Optional<SchedPolicy> policy, OptionalInt priority, int threads,
            Consumer<String> notes) {
        SchedPolicy chosen = policy.orElse(priority.isPresent() ? SchedPolicy.FIFO : SchedPolicy.OTHER);
        int prio = priority.orElse(0);
        if (chosen == SchedPolicy.DEADLINE && priority.isPresent()) {
            throw new IllegalArgumentException("-p " + prio + " does not apply to --policy deadline, which takes no"
                    + " priority: give its --runtime instead");
        }
        if (prio > 0 && !chosen.isRealtime()) {
            notes.accept("policy and priority don't match: setting policy to SCHED_FIFO");
            chosen = SchedPolicy.FIFO;
        }
        if (chosen.isRealtime() && prio == 0) {
            prio = threads + 1;
            notes.accept("defaulting realtime priority to " + prio);
        }
        return new PolicyAndPriority(chosen, prio);
    }

    /**
     * A resolved policy and priority.
     *
     * @param policy the policy
     * @param priority the priority
     */
    public record PolicyAndPriority(SchedPolicy policy, int priority) {
    }

    /**
     * The period of one measuring thread: {@code -i} plus {@code -d} per thread before it, or {@code -i} for all
     * threads when a histogram is kept (as cyclictest does).
     *
     * @param thread the thread number, from 0
     * @return its period, µs
     */
    public long intervalMicros(int thread) {
        return histogramMicros > 0 ? intervalMicros : intervalMicros + thread * distanceMicros;
    }
}
