package io.github.lllqos.cli.cyclic;

import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a run wakes and tunes its threads on this machine: {@link Periodic} for the absolute periodic wake-ups
 * ({@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)}), {@link Realtime} for pinning, scheduling and
 * locked memory, each refusal turned into an error with the kernel's reason.
 */
public final class Wakeups {

    private Wakeups() {
    }

    /** Each thread's periodic wake-up: a {@link Periodic} that skips missed activations, as cyclictest does. */
    public static Ticker.Factory tickers() {
        return tickers(SpinFinish.NONE);
    }

    /**
     * Each thread's periodic wake-up, finished by spinning as asked; on a deadline thread the {@link Periodic}
     * yields at the end of each job itself.
     *
     * @param spin {@code --spin}
     * @return the factory
     */
    public static Ticker.Factory tickers(SpinFinish spin) {
        return intervalNanos -> {
            Periodic plain = Periodic.every(Duration.ofNanos(intervalNanos)).withOverrun(Periodic.Overrun.SKIP);
            Periodic periodic = spin.adaptive() ? plain.withAdaptiveSpin()
                    : spin.spins() ? plain.withSpin(Duration.ofNanos(spin.marginMicros() * 1000)) : plain;
            return new Ticker() {
                @Override
                public long awaitNext() {
                    return periodic.awaitNext();
                }

                @Override
                public long spinNanos() {
                    return periodic.spinTime().toNanos();
                }

                @Override
                public long spinMarginNanos() {
                    return periodic.spinMargin().toNanos();
                }

                @Override
                public long skipped() {
                    return periodic.skipped();
                }

                @Override
                public OptionalLong blocks() {
                    return periodic.blocks();
                }
            };
        };
    }

    /** Pinning, scheduling and memory locking through {@link Realtime}, failing when the kernel refuses. */
    public static ThreadTuning tuning() {
        return new ThreadTuning() {
            @Override
            public void pinTo(int cpu) {
                Realtime.pinToCpu(cpu).requireApplied();
            }

            @Override
            public void schedule(SchedPolicy policy, int priority) {
                if (policy.isRealtime()) {
                    Realtime.elevatePriority(policy, priority).requireRealtime();
                }
            }

            @Override
            public void scheduleDeadline(long runtimeNanos, long periodNanos) {
                Realtime.setDeadline(Duration.ofNanos(runtimeNanos), Duration.ofNanos(periodNanos),
                        Duration.ofNanos(periodNanos)).requireApplied();
            }

            @Override
            public void lockAllMemory() {
                Realtime.lockMemory().requireApplied();
            }

            @Override
            public void unlockAllMemory() {
                Realtime.unlockMemory();
            }
        };
    }

    /** The calling thread's Linux thread id, 0 where it cannot be known. */
    public static int threadId() {
        return (int) Realtime.threadId().orElse(0);
    }

    /** The CPUs this process may run on, for {@code -a} and {@code -t} without values. */
    public static CpuRotation usableCpus() {
        Set<Integer> cpus = Realtime.affinity().map(TreeSet::new).orElseGet(TreeSet::new);
        if (cpus.isEmpty()) {
            return CpuRotation.parse("0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        return CpuRotation.of(List.copyOf(cpus));
    }
}
