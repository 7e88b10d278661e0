package io.github.lllqos.cli.cyclic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The wake-up mechanism and thread tuning a run uses on this machine, and the CPUs it may use. */
public final class Wakeups {

    private Wakeups() {
    }

    /** Each thread's periodic wake-up. */
    public static Ticker.Factory tickers() {
        return ParkTicker::new;
    }

    /** How threads are pinned and scheduled and memory is locked. */
    public static ThreadTuning tuning() {
        return new ThreadTuning() {
            @Override
            public void pinTo(int cpu) {
                throw missing("-a");
            }

            @Override
            public void schedule(Policy policy, int priority) {
                if (policy != Policy.OTHER) {
                    throw missing("-p/--policy");
                }
            }

            @Override
            public void lockAllMemory() {
                throw missing("-m");
            }

            @Override
            public void unlockAllMemory() {
                throw missing("-m");
            }

            private UnsupportedOperationException missing(String option) {
                return new UnsupportedOperationException(option + " needs the realtime toolkit, not in this build;"
                        + " run under chrt/taskset instead");
            }
        };
    }

    /** The CPUs this process may run on ({@code Cpus_allowed_list}), for {@code -a} and {@code -t} without values. */
    public static CpuSet usableCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return CpuSet.parse(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // Not Linux, or a form CpuSet does not read: fall back to the count the JVM sees.
        }
        return CpuSet.parse("0-" + (Runtime.getRuntime().availableProcessors() - 1));
    }
}
