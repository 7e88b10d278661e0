package io.github.lllqos.cpuidle;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.internal.Restoration;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * A per-CPU resume latency limit set on some CPUs, restored to each CPU's previous value on {@link #close()}.
 * Made by {@link CpuIdle#setResumeLatency(java.util.Collection, ResumeLatency)}.
 *
 * <pre>{@code
 * try (ResumeLatencyLease lease = CpuIdle.current().setResumeLatency(List.of(2, 3), ResumeLatency.ofMicros(10))) {
 *     System.out.println("was: " + lease.previousValues());
 *     runControlLoopOn(2, 3);
 * }
 * }</pre>
 *
 * <p>The value lives in sysfs, not in this process: unlike a {@link CpuLatencyLease}, it <em>survives a crash</em>
 * (or {@code kill -9}) of this process, and stays until someone writes the file again. {@code close()} is
 * idempotent and thread-safe; a lease that becomes unreachable unclosed is restored by a {@link java.lang.ref.Cleaner}
 * and logged as a leak.
 */
public final class ResumeLatencyLease implements AutoCloseable {

    private final Map<Integer, ResumeLatency> previous;
    private final ResumeLatency value;
    private final Restoration.Handle restoration;

    private ResumeLatencyLease(CpuIdle idle, Map<Integer, ResumeLatency> previous, ResumeLatency value) {
        this.previous = Collections.unmodifiableMap(previous);
        this.value = value;
        this.restoration = Restoration.register(this, "resume latency " + value + " on CPUs " + previous.keySet(),
                () -> restore(idle, previous));
    }

    static ResumeLatencyLease set(CpuIdle idle, SortedSet<Integer> cpus, ResumeLatency value) {
        Map<Integer, ResumeLatency> previous = new LinkedHashMap<>();
        for (int cpu : cpus) {
            previous.put(cpu, idle.readResumeLatency(cpu));
        }
        Map<Integer, ResumeLatency> written = new LinkedHashMap<>();
        try {
            for (int cpu : cpus) {
                idle.writeResumeLatency(cpu, value);
                written.put(cpu, previous.get(cpu));
            }
        } catch (LowLatencyException e) {
            try {
                restore(idle, written);
            } catch (LowLatencyException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        return new ResumeLatencyLease(idle, previous, value);
    }

    /** Writes every previous value back, trying all CPUs even when one fails. */
    private static void restore(CpuIdle idle, Map<Integer, ResumeLatency> previous) {
        List<String> failures = new ArrayList<>();
        previous.forEach((cpu, value) -> {
            try {
                idle.writeResumeLatency(cpu, value);
            } catch (LowLatencyException e) {
                failures.add(e.getMessage() + "; restore it by hand: echo " + value.kernelForm() + " > "
                        + idle.resumeLatencyPath(cpu));
            }
        });
        if (!failures.isEmpty()) {
            throw new LowLatencyException("could not restore the resume latency: " + String.join("; ", failures));
        }
    }

    /**
     * The value set.
     *
     * @return the limit now in force on {@link #previousValues()}'s CPUs
     */
    public ResumeLatency value() {
        return value;
    }

    /**
     * Each CPU's value before this lease, which {@link #close()} writes back.
     *
     * @return CPU number to previous value, ascending by CPU
     */
    public Map<Integer, ResumeLatency> previousValues() {
        return previous;
    }

    /**
     * Whether the lease has ended, by {@link #close()} (values restored) or {@link #keep()} (values left).
     *
     * @return true once closed or kept
     */
    public boolean closed() {
        return restoration.closed();
    }

    /**
     * Writes each CPU's previous value back. Idempotent and thread-safe.
     *
     * @throws LowLatencyException when a value cannot be written back, naming the file and how to restore it
     *     by hand; every CPU is tried
     */
    @Override
    public void close() {
        restoration.close();
        Reference.reachabilityFence(this);
    }

    /**
     * Ends the lease without restoring: the values set stay, as a shell's {@code echo >} would leave them, and no
     * close or Cleaner puts the previous values back. For callers that set values deliberately for longer than this JVM.
     */
    public void keep() {
        restoration.keep();
        Reference.reachabilityFence(this);
    }

    @Override
    public String toString() {
        return "ResumeLatencyLease[" + value + " on CPUs " + previous.keySet() + (closed() ? ", closed" : "") + "]";
    }
}
