package io.github.lllqos.fake;

import io.github.lllqos.spi.CpuLock;
import io.github.lllqos.spi.CpuLocks;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated machine's CPU locks, which every process that reserves CPUs shares; tests let other processes
 * hold CPUs ({@link #holdFor(long, String, int...)}) and die ({@link #processDied(long)}), as the kernel drops
 * a dead holder's locks. Thread-safe.
 */
public final class SimulatedCpuLocks implements CpuLocks {

    private static final String LOCATION = "/run/lllqos/cpus (simulated)";

    private final Map<Integer, String> records = new HashMap<>();

    SimulatedCpuLocks() {
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public synchronized Optional<CpuLock> tryLock(int cpu, String holderRecord) {
        if (records.containsKey(cpu)) {
            return Optional.empty();
        }
        records.put(cpu, holderRecord);
        return Optional.of(new SimulatedLock(cpu, holderRecord));
    }

    @Override
    public synchronized Optional<String> holderRecord(int cpu) {
        return Optional.ofNullable(records.get(cpu));
    }

    /**
     * Lets another process hold CPUs, as another JVM's reservation would.
     *
     * @param pid the other process's id
     * @param thread its thread's name
     * @param cpus the CPUs it holds
     * @throws IllegalStateException naming the CPU when one is held already
     */
    public synchronized void holdFor(long pid, String thread, int... cpus) {
        for (int cpu : cpus) {
            if (records.containsKey(cpu)) {
                throw new IllegalStateException("CPU " + cpu + " is held already: " + records.get(cpu).strip()
                        .replace('\n', ' '));
            }
        }
        for (int cpu : cpus) {
            records.put(cpu, "pid=" + pid + "\nstart=\nhost=simulated\nthread=" + thread + "\n");
        }
    }

    /**
     * A process died: the kernel drops every lock it held.
     *
     * @param pid the process id
     * @return the CPUs that became free
     */
    public synchronized Set<Integer> processDied(long pid) {
        TreeSet<Integer> freed = new TreeSet<>();
        records.entrySet().removeIf(entry -> {
            boolean his = entry.getValue().startsWith("pid=" + pid + "\n");
            if (his) {
                freed.add(entry.getKey());
            }
            return his;
        });
        return Collections.unmodifiableSet(freed);
    }

    /**
     * The CPUs locked now, by any process.
     *
     * @return ascending
     */
    public synchronized Set<Integer> heldCpus() {
        return Collections.unmodifiableSet(new TreeSet<>(records.keySet()));
    }

    @Override
    public String toString() {
        return "SimulatedCpuLocks[held " + heldCpus() + "]";
    }

    /** A lock taken through the API. */
    private final class SimulatedLock implements CpuLock {
        private final int cpu;
        private final String record;

        SimulatedLock(int cpu, String record) {
            this.cpu = cpu;
            this.record = record;
        }

        @Override
        public int cpu() {
            return cpu;
        }

        @Override
        public void release() {
            synchronized (SimulatedCpuLocks.this) {
                records.remove(cpu, record);
            }
        }
    }
}
